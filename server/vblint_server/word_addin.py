"""The Word add-in's files: the pane, its manifests pointed at one server, and its packages.

The manifests in ``static/word/`` name the placeholder server ``https://vblint.example.org``;
Office needs absolute ``https`` addresses, so each organisation gets a copy with its own server's
address in their place. ``/word/manifest.xml`` serves one, and for IT to upload or host:

    python -m vblint_server.word_addin https://vblint.council.example            # manifest.xml
    python -m vblint_server.word_addin https://vblint.council.example --package dist/
"""

from __future__ import annotations

import argparse
import importlib.resources
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

PLACEHOLDER = "https://vblint.example.org"
FILES = {"xml": "manifest.xml", "json": "manifest.json"}
JS = "text/javascript; charset=utf-8"
ASSETS = {
    "taskpane.mjs": JS,
    "check.mjs": JS,
    "findings.mjs": JS,
    "ooxml.mjs": JS,
    "settings.mjs": JS,
    "word.mjs": JS,
    "taskpane.css": "text/css; charset=utf-8",
    "privacy.html": "text/html; charset=utf-8",
    "icon-16.png": "image/png",
    "icon-32.png": "image/png",
    "icon-64.png": "image/png",
    "icon-80.png": "image/png",
    "color.png": "image/png",
    "outline.png": "image/png",
}
PANE_FILES = ("taskpane.html", *ASSETS)
PACKAGES = {
    "manifest": "vblint-word-manifest.xml",
    "pane": "vblint-word-pane.zip",
    "unified": "vblint-word-unified.zip",
}


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


def pane_file(name: str) -> bytes:
    """One of the pane's files as shipped in the package."""
    return importlib.resources.files("vblint_server").joinpath("static", "word", name).read_bytes()


def template(kind: str) -> str:
    """The manifest as shipped, with the placeholder server."""
    return pane_file(FILES[kind]).decode("utf-8")


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


def package(target: Path, url: str) -> list[Path]:
    """Write the add-in for the server at ``url`` into ``target``; the paths written.

    The XML manifest (what IT uploads for centralized deployment), a zip of the pane's files
    (for hosting the pane on another web server), and the unified-manifest app package
    (manifest.json with its two icons, for tenants that use the preview unified manifest).
    """
    target.mkdir(parents=True, exist_ok=True)
    manifest = target / PACKAGES["manifest"]
    manifest.write_text(render("xml", url), encoding="utf-8")
    pane = target / PACKAGES["pane"]
    with zipfile.ZipFile(pane, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in PANE_FILES:
            archive.writestr(name, pane_file(name))
    unified = target / PACKAGES["unified"]
    with zipfile.ZipFile(unified, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", render("json", url))
        for name in ("color.png", "outline.png"):
            archive.writestr(name, pane_file(name))
    return [manifest, pane, unified]


def main(argv: list[str] | None = None) -> int:
    """Print the manifest for a server, or write the whole add-in with ``--package DIR``."""
    parser = argparse.ArgumentParser(prog="python -m vblint_server.word_addin")
    parser.add_argument("url", help="the https address people reach vblint serve at")
    parser.add_argument("--json", action="store_true", help="the unified (preview) manifest")
    parser.add_argument("--package", type=Path, metavar="DIR", help="write every package here")
    args = parser.parse_args(argv)
    try:
        if args.package is not None:
            for path in package(args.package, args.url):
                print(path)
        else:
            sys.stdout.write(render("json" if args.json else "xml", args.url))
    except (ValueError, OSError) as exc:
        print(f"vblint: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
