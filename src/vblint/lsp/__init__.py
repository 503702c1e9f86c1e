"""The vblint language server: findings as editor diagnostics, hovers and quick fixes.

Start it with ``vblint lsp`` (stdio) or ``vblint lsp --tcp`` (for debugging). Needs the
``lsp`` extra (pygls).
"""
