"""Where a rule's documentation page is: one answer for SARIF, the editors and the service.

The site generated from the packs puts each rule at ``rules/VB101.html``; ``docs-url`` says where
that site is (the published one by default, an organisation's own copy, or a ``vblint serve``
that serves it), so every link to a rule works from wherever the writer is.
"""

from __future__ import annotations

DEFAULT_DOCS_URL = "https://vblint.readthedocs.io/en/latest/"
RULES_INDEX = "rules/index.html"
_PAGE = "rules/{rule}.html"


class DocsUrlError(ValueError):
    """A ``docs-url`` that cannot be the base of links; the message says what is expected."""


def docs_base(url: str | None) -> str:
    """The documentation's base address, ending in ``/``; the default when ``url`` is empty."""
    if url is None or not url.strip():
        return DEFAULT_DOCS_URL
    url = url.strip()
    if not (url.startswith(("https://", "http://", "/")) and " " not in url):
        raise DocsUrlError("expected an http(s):// address or a path starting with /")
    return url if url.endswith("/") else url + "/"


def rule_page(rule_id: str) -> str:
    """A rule's page relative to the documentation's base address."""
    return _PAGE.format(rule=rule_id.upper())


def rule_url(rule_id: str, docs_url: str | None = None) -> str:
    """The full address of a rule's page under ``docs_url``."""
    return docs_base(docs_url) + rule_page(rule_id)


def rule_url_template(docs_url: str | None = None) -> str:
    """A rule's address with ``{rule}`` standing for its id, for clients that fill it in."""
    return docs_base(docs_url) + _PAGE
