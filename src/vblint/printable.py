"""Names made safe to print: control characters shown as escapes, as ``ls -b`` does.

A file name may hold a line break; printed raw, one finding reads as two lines and a name can
even forge a line of the report (or, with escape sequences, rewrite the terminal). The text
report and the command's messages on stderr print names through :func:`shown`; JSON and SARIF
keep the real name (JSON escapes it), and the GitHub format has its own escaping.
"""

from __future__ import annotations


def shown(text: str) -> str:
    r"""``text`` with every unprintable character escaped as Python writes it (``\n``, ``\x1b``).

    Text with nothing to escape is returned as it is. Otherwise backslashes are doubled too, so
    the escaped form can be told from a name that really holds a backslash and an ``n``.
    Unprintable means Unicode's view: control and format characters (bidirectional overrides
    included), line and paragraph separators, and undecodable bytes (lone surrogates).
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out)
