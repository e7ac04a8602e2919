"""Text of the data written safely into outputs (reports, exports, query CSV): links only to
web pages, Markdown without raw HTML or links, CSV cells a spreadsheet does not run.

Sources: OWASP, "CSV Injection" (cells starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return are formulas to Excel, LibreOffice and Google Sheets; a leading ``'`` makes
them text); CommonMark 0.31, sections 6.6 "Raw HTML" and 2.5 "Entity references" (``<``
before a tag name, ``/``, ``!`` or ``?`` opens raw HTML; ``&name;`` is an entity), 6.3 "Links"
(a link or image needs ``[`` and ``]``; a backslash before either makes it text, 2.4).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import re
from collections.abc import Iterable
from typing import IO
from urllib.parse import urlsplit

__all__ = ["web_url", "markdown_text", "csv_cell", "safe_csv_writer", "CSV_FORMULA_STARTS", "CONTENT_SECURITY_POLICY",
           "content_security_policy"]

#: The HTML report's Content-Security-Policy: no script, no request anywhere; only its own
#: inline styles and inline (SVG, data:) pictures.
CONTENT_SECURITY_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "base-uri 'none'; form-action 'none'")


def content_security_policy(scripts: Iterable[str] = ()) -> str:
    """:data:`CONTENT_SECURITY_POLICY`, allowing exactly the inline ``scripts`` given (the
    text between ``<script>`` and ``</script>``) by their SHA-256 hashes (CSP Level 2,
    ``script-src 'sha256-...'``): any other script, injected or not, stays blocked.

    >>> content_security_policy(["alert(1)"]).endswith("script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
    True
    """
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
                     for text in scripts})
    return CONTENT_SECURITY_POLICY + ("; script-src " + " ".join(hashes) if hashes else "")

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def web_url(url: object) -> str | None:
    """``url`` if it is an ``http`` or ``https`` URL with a host, else ``None`` (a
    ``javascript:``, ``data:`` or ``file:`` URL never becomes a link).

    >>> web_url("https://example.org/a?b=1"), web_url("javascript:alert(1)"), web_url(" JavaScript:x")
    ('https://example.org/a?b=1', None, None)
    """
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


#: What CommonMark reads as raw HTML or as an entity: ``<`` before a tag name, ``/``, ``!``
#: or ``?``; ``&`` before a name or ``#`` and ``;``.
_RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")

#: What CommonMark reads as the brackets of a link, image or link reference, and the
#: backslash that would escape the escape.
_LINK_MARKS = re.compile(r"[\\\[\]]")


def markdown_text(text: str, cell: bool = False) -> str:
    """Text for Markdown that a viewer shows as written: every ``<`` that would open raw
    HTML and every ``&`` that would start an entity is written as an entity (``<->`` stays
    as it is); ``[``, ``]`` and ``\\`` get a backslash, so no link or image forms (with no
    ``]`` before it, a ``(`` is only a parenthesis); newlines become spaces; with ``cell``
    (a table cell) ``|`` is escaped too.

    >>> markdown_text("a <script>x</script> <-> b &amp; c")
    'a &lt;script>x&lt;/script> <-> b &amp;amp; c'
    >>> print(markdown_text("[Click](http://x) Evil](http://x)"))
    \\[Click\\](http://x) Evil\\](http://x)
    >>> markdown_text("|Goldstein| x", cell=True)
    '\\\\|Goldstein\\\\| x'
    """
    text = _LINK_MARKS.sub(r"\\\g<0>", text)
    text = _RAW_HTML.sub(lambda m: "&lt;" if m.group() == "<" else "&amp;", text).replace("\r", " ").replace("\n", " ")
    return text.replace("|", "\\|") if cell else text


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as written: text starting with a formula character
    (:data:`CSV_FORMULA_STARTS`) gets a leading ``'``; numbers and other values are unchanged.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-5"), csv_cell(-5.0), csv_cell("RUS")
    ('\\'=HYPERLINK("http://x")', "'-5", -5.0, 'RUS')
    """
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    """A :func:`csv.writer` whose cells pass through :func:`csv_cell`."""

    def __init__(self, file: IO[str], **options) -> None:
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_csv_writer(file: IO[str], **options) -> _SafeWriter:
    """:func:`csv.writer` (same options) for CSV a spreadsheet may open: every text cell goes
    through :func:`csv_cell`.

    >>> import io
    >>> buf = io.StringIO()
    >>> safe_csv_writer(buf, lineterminator="\\n").writerow(["=1+1", -2, "@SUM(A1)", "x"])
    >>> buf.getvalue()
    "'=1+1,-2,'@SUM(A1),x\\n"
    """
    return _SafeWriter(file, **options)
