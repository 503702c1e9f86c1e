"""vblint's HTTP service: the checking API for case systems and editors, and the writing page.

Start it with ``vblint serve``; the app object is :data:`vblint_server.main.app`.
"""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
