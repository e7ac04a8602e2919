"""Pictures fit for publication: every label, the legends, the title and the source line lie
inside the figure, labels do not overlap, and a timeline shows the facts month by month."""

from __future__ import annotations

import pytest

from test_analysis import FACTS

from diplograph.graph.model.records import Actor, Fact
from diplograph.graph.model.vocabulary import ActorKind, RelationType as R
from diplograph.graph.reports import centrality_report, render, write_plot
from diplograph.graph.reports.plots import plot_network, plot_timeline


def _boxes(fig):
    """Window extents of every text (labels, titles, caption) and legend of a drawn figure."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.findobj(lambda a: a.__class__.__name__ in ("Text", "Annotation")) if t.get_visible() and t.get_text()]
    legends = fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts], [lg.get_window_extent(renderer) for lg in legends], fig.bbox


def _inside(box, frame) -> bool:
    return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1



def _ring(n: int):
    codes = [f"S{i:02d}" for i in range(n)]
    states = [Actor(c, ActorKind.STATE, f"State {c}") for c in codes]
    facts = [Fact(states[i], R.SUPPORTS, states[(i + 1) % n], article_id=f"r{i}", sentence_index=0, date=f"2019-{1 + i % 12:02d}-01")
             for i in range(n)]
    facts += [Fact(states[i], R.SANCTIONS, states[(i + n // 2) % n], article_id=f"x{i}", sentence_index=0, date="2019-06-01")
              for i in range(0, n, 5)]
    return facts


@pytest.mark.parametrize("facts", [FACTS, _ring(61)], ids=["fixture", "61 states"])
def test_every_label_and_legend_is_inside_the_figure_and_labels_do_not_overlap(facts):
    report = centrality_report(facts)
    fig = plot_network(report)
    texts, legends, frame = _boxes(fig)
    names = {t for t, _ in texts}
    assert any(t.startswith("Network of states") for t in names) and any(t.startswith("Period: ") for t in names)
    assert any(t.startswith("Source: diplograph") for t in names)
    assert {"cooperative tie", "conflictual tie", "Node size"} <= names
    for text, box in texts:
        assert _inside(box, frame), text
    for box in legends:
        assert _inside(box, frame)
    labels = [(t, b) for t, b in texts if t in report.graph]
    if report.graph.number_of_nodes() <= 40:
        assert {t for t, _ in labels} == set(report.graph)  # every node labelled
    else:
        assert len(labels) >= 15
    for i, (_, a) in enumerate(labels):
        for _, b in labels[i + 1:]:
            assert not a.overlaps(b)


def test_timeline_counts_months_and_follows_the_strongest_tie():
    report = centrality_report(FACTS)
    t = report.data["timeline"]
    assert t["months"][0] == "2019-01" and t["months"][-1] == "2019-12" and len(t["months"]) == 12
    # January: GBR supports USA (and the USA-Guaido fact does not count); September: USA sanctions RUS
    assert t["cooperative"][0] == 1 and t["conflictual"][8] == 1
    assert sum(t["cooperative"]) + sum(t["conflictual"]) + t["undated"] == 12
    tie = report.data["ties"][0]
    assert (t["tie"]["source"], t["tie"]["target"]) == (tie["source"], tie["target"])
    assert sum(t["tie"]["net"]) == pytest.approx(tie["weight"])
    texts, legends, frame = _boxes(plot_timeline(report))
    assert all(_inside(box, frame) for _, box in texts)


def test_png_file_and_html_carry_the_pictures(tmp_path):
    report = centrality_report(FACTS)
    assert write_plot(report, tmp_path / "net.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = render(report, "html")
    assert html.count("<svg") >= 3 and "Facts over time" in html
