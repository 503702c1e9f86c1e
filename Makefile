.PHONY: setup run test lint bench
setup:
	python3 scripts/dev.py setup
run:
	python3 scripts/dev.py run
test:
	python3 scripts/dev.py test
lint: setup
	.venv/bin/pre-commit run --all-files
bench: setup
	.venv/bin/python benchmarks/throughput.py
