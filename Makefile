.PHONY: setup run test lint docs bench bench-http bench-audit soak serve
setup:
	python3 scripts/dev.py setup
run:
	python3 scripts/dev.py run
test:
	python3 scripts/dev.py test
lint: setup
	.venv/bin/pre-commit run --all-files
docs: setup
	NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict
bench: setup
	.venv/bin/python benchmarks/throughput.py
bench-audit: setup
	nice .venv/bin/python benchmarks/audit_throughput.py
bench-http: setup
	cd benchmarks && ../.venv/bin/python http_latency.py
soak: setup
	cd benchmarks && ../.venv/bin/python soak.py
serve: setup
	.venv/bin/vblint serve
