"""The Word add-in's manifests, pointed at one organisation's vblint server.

The manifests in ``static/word/`` name the placeholder server ``https://vblint.example.org``;
Office needs absolute ``https`` addresses, so each organisation gets a copy with its own server's
address in their place (``/word/manifest.xml`` serves one, and this module writes one for IT to
upload: ``python -m vblint_server.word_manifest https://vblint.council.example``).
"""

from __future__ import annotations

import argparse
import importlib.resources
import sys
from urllib.parse import urlsplit

PLACEHOLDER = "https://vblint.example.org"
FILES = {"xml": "manifest.xml", "json": "manifest.json"}


def public_base(url: str) -> str:
    """``url`` as the base every manifest address starts with: scheme, host, any path.

    Raises ``ValueError`` for anything Office would refuse or that could break the XML.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"not an http(s) address: {url!r}")
    if parts.query or parts.fragment or any(c in url for c in "<>\"'& "):
        raise ValueError(f"the address must be plain scheme://host[:port][/path]: {url!r}")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def template(kind: str) -> str:
    """The manifest as shipped, with the placeholder server."""
    path = importlib.resources.files("vblint_server").joinpath("static", "word", FILES[kind])
    return path.read_text(encoding="utf-8")


def render(kind: str, url: str) -> str:
    """The ``kind`` ("xml" or "json") manifest for the server at ``url``.

    The app domain is the server's origin; every other address is under ``url``, so a service
    behind a path (``https://apps.example/vblint``) works too.
    """
    base = public_base(url)
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}"
    text = template(kind)
    text = text.replace(f"<AppDomain>{PLACEHOLDER}</AppDomain>", f"<AppDomain>{origin}</AppDomain>")
    text = text.replace(f'"{PLACEHOLDER}"', f'"{origin}"')
    return text.replace(PLACEHOLDER, base)


def main(argv: list[str] | None = None) -> int:
    """Print the manifest for a server, for IT to upload to the Microsoft 365 admin centre."""
    parser = argparse.ArgumentParser(prog="python -m vblint_server.word_manifest")
    parser.add_argument("url", help="the https address people reach vblint serve at")
    parser.add_argument("--json", action="store_true", help="the unified (preview) manifest")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render("json" if args.json else "xml", args.url))
    except ValueError as exc:
        print(f"vblint: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
