"""The analysis core: the spaCy pipeline, rule matching, context and suggestions.

Nothing here imports the command line, the language server or the HTTP service: those are
adapters built on :class:`vblint.linter.Linter`, which is the one way into this package.
"""
