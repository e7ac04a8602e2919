"""The HTML report in headless Chromium: the interactive network (vis-network, inlined) draws
every state, filters by bloc and date, and a tie's tooltip holds its facts; the timeline and
both evidence lists are there; no console error, nothing fetched from outside the file."""

from __future__ import annotations

import json

import pytest

from browser import find_chromium, open_page
from test_analysis import FACTS

from diplograph.graph.reports import centrality_report, render

needs_browser = pytest.mark.skipif(find_chromium() is None, reason="no Chromium installed (apt-get install chromium)")

PROBE = """(() => {
  const net = window.diplographNetwork;
  const shown = () => document.getElementById('net-count').textContent;
  const all = shown();
  const tooltip = net.body.data.edges.get().map(e => e.title).find(t => t.startsWith('RUS \\u2192 VEN'));
  const bloc = document.getElementById('net-bloc');
  bloc.value = '1'; bloc.dispatchEvent(new Event('change'));
  const bloc1 = shown();
  bloc.value = ''; bloc.dispatchEvent(new Event('change'));
  const from = document.getElementById('net-from');
  from.value = '2019-09-01'; from.dispatchEvent(new Event('change'));
  const late = shown();
  return JSON.stringify({
    canvas: !!document.querySelector('#net canvas'),
    all, bloc1, late,
    blocOptions: [...bloc.options].map(o => o.textContent),
    tooltip,
    timeline: [...document.querySelectorAll('figcaption')].map(f => f.textContent),
    cooperative: document.querySelectorAll('.tie.cooperative').length,
    conflictual: document.querySelectorAll('.tie.conflictual').length,
    external: [...document.querySelectorAll('[src], link[href]')].map(e => e.src || e.href),
  });
})()"""


@needs_browser
def test_interactive_network_timeline_and_evidence_in_chromium(tmp_path):
    report = centrality_report(FACTS)
    path = tmp_path / "report.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    result = open_page(path, PROBE, settle=1.5)
    assert result.exceptions == [] and result.console == []
    assert [lvl for lvl, _ in result.log if lvl == "error"] == []
    # nothing fetched: the script is inlined (data: URIs are icons inside the page)
    assert [url for url in result.requests if not url.startswith("data:")] == [path.resolve().as_uri()]
    page = json.loads(result.value)
    assert page["canvas"] and page["external"] == []
    assert page["all"] == "6 states, 14 ties shown"
    bloc1 = sorted(v for v, b in report.membership.items() if b == 1)
    assert page["bloc1"].startswith(f"{len(bloc1)} states")
    # facts from September 2019 on: USA->RUS, USA->VEN, RUS->USA, CHN->USA (and nothing else dated later)
    assert page["late"] == "6 states, 4 ties shown"
    assert page["blocOptions"] == ["all", "bloc 1", "bloc 2"]
    assert page["tooltip"].startswith("RUS \u2192 VEN: net 6.12, 2 facts")
    assert "2019-04-01: Russia SUPPORTS Venezuela" in page["tooltip"]
    assert "Facts over time" in page["timeline"]
    assert page["cooperative"] == 7 and page["conflictual"] == 4


def test_network_data_escapes_article_text():
    from diplograph.graph.model.records import Fact

    evil = Fact(FACTS[3].subject, FACTS[3].relation, FACTS[3].object, article_id="a99", sentence_index=3, date="2019-04-01",
                sentence="Russia supports Venezuela.</script><script>alert(1)</script>")
    html = render(centrality_report([*FACTS, evil]), "html")
    data = html[html.index('id="net-data">'):]
    data = data[: data.index("</script>")]
    assert "<script>alert" not in data and "\\u003c/script\\u003e" in data
