"""Reports and exports are safe where they are opened (issue 15, item 3): a ``javascript:`` URL
(an article's url, a GDELT SOURCEURL) is never a link and the HTML report has a
Content-Security-Policy; Markdown shows article text as text, never raw HTML; CSV cells that
start with ``=``, ``+``, ``-`` or ``@`` are not formulas. Through the CLI, as a user would."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.graph.cli import app
from diplograph.graph.model.safe_output import CONTENT_SECURITY_POLICY
from locations import DATA

runner = CliRunner()
EVIL_TEXT = "Russia supports <script>alert(1)</script> Venezuela."


def _invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """An article with a javascript: url and HTML in its text, and a GDELT row whose SOURCEURL
    is a javascript: URL and whose actor name starts a formula."""
    path = tmp_path / "s.sqlite"
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "=HYPERLINK(1)", "date": "2019-09-25", "url": "javascript:alert(document.cookie)",
                                    "text": EVIL_TEXT}) + "\n")
    assert _invoke("load", str(articles), "--store", str(path)).exit_code == 0
    line27 = (DATA / "20150218230000.export.CSV").read_text(encoding="utf-8").splitlines()[26].split("\t")
    line27[60] = "javascript:alert(2)"  # SOURCEURL
    gdelt = tmp_path / "evil.export.CSV"
    gdelt.write_text("\t".join(line27) + "\n", encoding="utf-8")
    assert _invoke("load", "gdelt", str(gdelt), "--store", str(path)).exit_code == 0
    table = tmp_path / "facts.csv"
    table.write_text("subject,subject_type,relation,object,date,source\n"
                     "\"=SUM(1)+cmd|' /C calc'!A0\",Organization,SANCTIONS,RUS,2019-09-26,@evil\n")
    assert _invoke("load", "facts", str(table), "--store", str(path)).exit_code == 0
    return path


def test_html_report_has_no_javascript_link_and_a_csp(store: Path, tmp_path: Path) -> None:
    for actor in ("RUS", "IRQ"):
        out = tmp_path / f"{actor}.html"
        assert _invoke("report", "actor", actor, "--store", str(store), "--format", "html", "-o", str(out)).exit_code == 0
        page = out.read_text(encoding="utf-8")
        assert "javascript:" not in page.lower()
        assert re.findall(r'href="([^"]*)"', page) == [h for h in re.findall(r'href="([^"]*)"', page) if h.startswith("http")]
        assert f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY.replace(chr(39), "&#39;")}">' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (tmp_path / "RUS.html").read_text(encoding="utf-8")


def test_markdown_shows_html_as_text(store: Path) -> None:
    result = _invoke("report", "actor", "RUS", "--store", str(store), "--format", "markdown")
    assert result.exit_code == 0
    assert "<script>" not in result.stdout
    assert "Russia supports &lt;script>alert(1)&lt;/script> Venezuela." in result.stdout


def test_csv_cells_are_never_formulas(store: Path, tmp_path: Path) -> None:
    result = _invoke("report", "actor", "RUS", "--store", str(store), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # the article's fact, then the organisation's sanction of RUS (no article)
    assert [(r["article"], r["subject"]) for r in rows] == [("'=HYPERLINK(1)", "RUS"), ("", "'=SUM(1)+cmd|' /C calc'!A0")]
    assert float(rows[0]["weight"]) > 0  # numbers stay numbers
    # an organisation named by a formula, through the graph export and the actor report
    assert _invoke("export", "--store", str(store), "--level", "actors", "--format", "csv",
                   "-o", str(tmp_path / "g.csv")).exit_code == 0
    cells = [cell for name in ("g.csv", "g.nodes.csv") for row in csv.reader((tmp_path / name).open()) for cell in row]
    assert "'=SUM(1)+cmd|' /C calc'!A0" in cells
    # what starts like a formula is a number (a negative weight), never text
    risky = [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert risky and all(float(cell) < 0 for cell in risky)


def test_markdown_names_with_brackets_make_no_link() -> None:
    """An actor named ``Evil](http://x)`` beside one named ``[Click here`` would close a link
    across the two (CommonMark 0.31, 6.3 "Links"); escaped brackets are shown as written."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from test_analysis import RUS, f

    from diplograph.graph.model.records import Actor
    from diplograph.graph.model.vocabulary import ActorKind, RelationType
    from diplograph.graph.reports import centrality_report, render

    evil, click = Actor("EVL", ActorKind.STATE, "Evil](http://x)"), Actor("CLK", ActorKind.STATE, "[Click here\\")
    md = render(centrality_report([f(click, RelationType.SUPPORTS, evil, 1), f(evil, RelationType.SUPPORTS, RUS, 2)]),
                "markdown")
    assert "| EVL | Evil\\](http://x) |" in md and "| CLK | \\[Click here\\\\ |" in md
    assert re.search(r"(?<!\\)[\[\]]", md) is None  # no bracket left unescaped anywhere
