"""Loading the spaCy pipeline that vblint runs on: once per process, offline.

The default is ``en_core_web_sm``; ``--model`` or ``VBLINT_MODEL`` name another installed
pipeline or a path. Named-entity recognition is left out: no rule needs it and it doubles the
parsing time. The model's attribute ruler is swapped for the same rules compiled to lookups
(:mod:`vblint.analysis.attributes`), which give the same tags, morphology and lemmas faster.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm"
MODEL_ENV = "VBLINT_MODEL"
REQUIRED = ("tagger", "parser", "lemmatizer")
EXCLUDE = ("ner",)
INSTALL_HINT = (
    "install it with 'pip install --no-deps ../shared/models/en_core_web_sm-3.7.1-py3-none-any.whl'"
    " or 'python -m spacy download en_core_web_sm'"
)


class ModelError(Exception):
    """The spaCy pipeline is missing or unusable; the message says what to run."""


def model_name(model: str | None = None) -> str:
    """The pipeline to load: the argument, else ``VBLINT_MODEL``, else en_core_web_sm."""
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_model(model: str | None = None, exclude: Sequence[str] = EXCLUDE) -> Language:
    """The spaCy pipeline as it ships, without ``exclude``; :class:`ModelError` if missing."""
    name = model_name(model)
    with warnings.catch_warnings():
        # W095: the offline wheel was trained with spaCy 3.7.2 and parses correctly in 3.8.
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        try:
            nlp = spacy.load(name, exclude=list(exclude))
        except OSError:
            hint = INSTALL_HINT if name == DEFAULT_MODEL else "install it or give another model"
            where = "path" if Path(name).exists() or "/" in name else "pipeline"
            raise ModelError(f"the spaCy {where} '{name}' is not installed: {hint}") from None
    return nlp


def load_base(model: str | None = None, exclude: Sequence[str] = EXCLUDE) -> Language:
    """The parse vblint runs, without vblint's own component.

    The model plus line breaks that end sentences and a bound on a sentence's length, with
    its attribute rules compiled and a tokenizer that stays linear on runs with no space.
    """
    nlp = load_model(model, exclude)
    name = model_name(model)
    missing = [c for c in REQUIRED if c not in nlp.pipe_names and not _has_trf(nlp, c)]
    if missing:
        raise ModelError(
            f"the spaCy pipeline '{name}' has no {', '.join(missing)}; vblint needs them"
        )
    import vblint.analysis.lines  # noqa: F401  (registers the line-break component)
    from vblint.analysis import bounds, runs
    from vblint.analysis.attributes import compile_ruler

    parser = next(n for n in nlp.pipe_names if "parser" in n)
    nlp.add_pipe("vblint_lines", before=parser)
    nlp.add_pipe(bounds.FACTORY, before=parser)
    runs.install(nlp)
    compile_ruler(nlp)  # same attributes, a fifth of the time per note (see attributes)
    return nlp


def _has_trf(nlp: Language, component: str) -> bool:
    # Transformer pipelines name their components the same way; keep the check honest.
    return any(component in name for name in nlp.pipe_names)


def load(model: str | None = None, extra_packs: Sequence[str | Path] = ()) -> Language:
    """The parser with the vblint component added at the end."""
    import vblint.analysis.component  # noqa: F401  (registers the factory when not installed)

    nlp = load_base(model)
    nlp.add_pipe("vblint", config={"extra_packs": [str(p) for p in extra_packs]})
    return nlp
