"""The ``vblint`` spaCy factory, reached through the installed ``spacy_factories`` entry point,
and the CLI's one-line error when the chosen spaCy pipeline is not installed."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import textwrap

import spacy
from tests.conftest import run_cli

from vblint import Finding

TEXT = "Maya is 14. She put herself at risk by meeting him."

# A fresh interpreter whose code never imports vblint: only spaCy's entry-point lookup (which
# spaCy may already do inside spacy.load) can bring the factory in.
FRESH = textwrap.dedent(
    """
    import json, sys, warnings
    warnings.filterwarnings("ignore", message=r".*W095")
    assert "vblint" not in sys.modules
    import spacy
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("vblint")
    doc = nlp(sys.argv[1])
    print(json.dumps({
        "pipes": nlp.pipe_names,
        "findings": [[f.rule, f.start, f.end] for f in doc._.vblint_findings],
        "spans": [[s.label_, s.start_char, s.end_char] for s in doc.spans["vblint"]],
    }))
    """
)


def test_entry_point_is_installed() -> None:
    points = importlib.metadata.entry_points(group="spacy_factories")
    assert [p.value for p in points if p.name == "vblint"] == [
        "vblint.analysis.component:make_vblint"
    ]


def test_add_pipe_in_a_fresh_interpreter_uses_the_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", FRESH, TEXT], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["pipes"][-1] == "vblint"
    assert result["findings"], "the component set no findings"
    assert [f[0] for f in result["findings"]] == [s[0] for s in result["spans"]]


def test_component_on_a_pipeline_loaded_without_vblint_pipeline() -> None:
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("vblint")
    doc = nlp(TEXT)
    findings = doc._.vblint_findings
    assert findings and all(isinstance(f, Finding) for f in findings)
    spans = doc.spans["vblint"]
    assert [s.label_ for s in spans] == [f.rule for f in findings]
    for span, finding in zip(spans, findings, strict=True):
        assert span.start_char <= finding.start and finding.end <= span.end_char
        assert TEXT[finding.start : finding.end] == finding.text
    clean = nlp("He put her at risk by arranging to meet her.")
    assert clean._.vblint_findings == []
    assert list(clean.spans["vblint"]) == []


def test_missing_model_is_one_line_and_exit_2() -> None:
    proc = run_cli("check", "-", stdin=TEXT, env={"VBLINT_MODEL": "xx_missing_model"})
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "xx_missing_model" in lines[0]
    assert "Traceback" not in proc.stderr
    assert TEXT not in proc.stderr + proc.stdout
