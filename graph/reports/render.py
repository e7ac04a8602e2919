"""Rendering reports: rich tables, Markdown, CSV, JSON and one self-contained HTML file."""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from diplograph.graph.model.errors import ReportError
from diplograph.graph.reports.report import FORMATS, Report
from diplograph.graph.model.wording import counted
from diplograph.graph.model.safe_output import content_security_policy, markdown_text, safe_csv_writer, web_url
from diplograph.graph.reports.plots import _colour, _svg, plot_bars, plot_network, plot_timeline
from diplograph.graph.reports.sections import THIN_FACTS


@dataclass(slots=True)
class Table:
    """A titled table of strings for the text renderers."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)
    note: str | None = None  # printed below the table, or instead of it when it has no rows


def _f(x, digits=4) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _signed(x) -> str:
    return "" if x is None else f"{x:+d}"


#: Printed below the centrality table: what each column means and how a fact is weighted.
CENTRALITY_LEGEND = "\n".join([
    "bloc: group of the signed partition: cooperative ties inside, conflictual ties between (Doreian & Mrvar 1996); "
    "states with no chain of ties between them never share one.",
    "pagerank: share of attention flowing along cooperative ties, sums to 1 (Brin & Page 1998); the ranking.",
    "eigenvector: tied to states that are themselves well tied, cooperative ties both ways (Bonacich 1987); "
    "largest cooperative component only, '–' outside it.",
    "betweenness: share of shortest cooperative paths between other states passing through it (distance 1/weight; Brandes 2001).",
    "coop. out/in, confl. out/in: summed weights of the cooperative / conflictual facts it sent / received; "
    "facts: fact-ties touching it.",
    "weight of a fact = |Goldstein| (1992) of its CAMEO code or type x extraction confidence (x 0.5^(age/half-life) "
    "with --half-life); one event per article; cooperative types +, conflictual types - (README, 'The graph').",
])


def tables_of(report: Report) -> list[Table]:
    """The report as titled tables (the first is the main one, the one CSV writes)."""
    d = report.data
    if report.kind == "centrality":
        states = Table(
            "States ranked by PageRank (cooperative graph)",
            ["rank", "id", "name", "bloc", "pagerank", "eigenvector", "betweenness", "coop. out", "coop. in", "confl. out", "confl. in", "facts"],
            [
                [str(r["rank"]), r["id"], r["name"], _f(r["bloc"]), _f(r["pagerank"]), _f(r["eigenvector"]) or "–", _f(r["betweenness"]),
                 _f(r["cooperativeOut"], 2), _f(r["cooperativeIn"], 2), _f(r["conflictualOut"], 2), _f(r["conflictualIn"], 2), str(r["facts"])]
                for r in d["states"]
            ],
            numeric={0, 3, 4, 5, 6, 7, 8, 9, 10, 11},
            note=CENTRALITY_LEGEND,
        )
        bl = Table("Blocs (signed partition)", ["bloc", "size", "members"],
                   [[str(b["bloc"]), str(b["size"]), ", ".join(m["id"] for m in b["members"])] for b in d["blocs"]], numeric={0, 1})
        ties = [Table(f"Strongest {cls} ties", ["source", "way", "target", "net weight", "positive", "negative", "facts"],
                      [[t["source"], "<->" if t["mutual"] else "->", t["target"], _f(t["weight"], 2), _f(t["positive"], 2),
                        _f(t["negative"], 2), str(t["facts"])] for t in d["ties"] if t["class"] == cls],
                      numeric={3, 4, 5, 6}) for cls in ("cooperative", "conflictual")]
        return [states, bl, *ties]
    if report.kind == "blocs":
        members = Table("Bloc membership", ["bloc", "id", "name"],
                        [[str(b["bloc"]), m["id"], m["name"]] for b in d["blocs"] for m in b["members"]], numeric={0})
        summary = Table("Weight inside each bloc", ["bloc", "size", "internal +", "internal -"],
                        [[str(b["bloc"]), str(b["size"]), _f(b["internalPositive"], 2), _f(b["internalNegative"], 2)] for b in d["blocs"]],
                        numeric={0, 1, 2, 3})
        brokers = Table("Brokers (participation coefficient)", ["id", "name", "bloc", "participation", "blocs reached", "outside share"],
                        [[b["id"], b["name"], str(b["bloc"]), _f(b["participation"]), str(b["blocsReached"]), _f(b["outsideShare"])] for b in d["brokers"]],
                        note=d.get("brokersNote"),
                        numeric={2, 3, 4, 5})
        communities = Table("Louvain communities (cooperative ties)", ["community", "size", "members"],
                            [[str(i), str(len(c)), ", ".join(m["id"] for m in c)] for i, c in enumerate(d["communities"], start=1)],
                            numeric={0, 1}, note=f"Louvain (Blondel et al. 2008), Newman modularity {_f(d['modularity'])}; "
                                                 "communities group dense cooperation, blocs keep conflictual pairs apart")
        return [members, summary, communities, brokers]
    if report.kind == "actor":
        a = d["actor"]
        if d.get("scope") == "own" and d["countsFor"]:
            title = f"Facts of {a['name']} ({a['id']}), counted for {d['countsFor']}"
        elif d.get("scope") == "own":
            title = f"Facts of {a['name']} ({a['id']}), counted for no state"
        else:
            title = f"Facts behind {a['name']} ({a['id']})"
        facts = Table(
            title,
            ["date", "subject", "relation", "object", "weight", "direction", "article", "sentence / reason", "key"],
            [
                [it["date"] or "", it["subject"]["id"], it["relation"], it["object"]["id"],
                 _f(it["weight"], 3) if it["counted"] else "-", it.get("direction", ""),
                 ((it.get("article") or {}).get("id") or ""),
                 (it.get("sentence") or "") if it["counted"] else it["reason"], it["key"][:12]]
                for it in d["facts"]
            ],
            numeric={4},
        )
        tables = [facts]
        if d["numbers"]:
            n = d["numbers"]
            whole = " (all of its facts, not only these)" if d.get("scope") == "own" else ""
            tables.append(Table(f"Numbers of {d['countsFor']}{whole}", ["measure", "value"], [
                ["rank", str(n["rank"])], ["bloc", str(n["bloc"])], ["pagerank", _f(n["pagerank"])], ["eigenvector", _f(n["eigenvector"]) or "– (outside the largest cooperative component)"],
                ["betweenness", _f(n["betweenness"])], ["cooperative out", _f(n["cooperativeOut"], 3)], ["cooperative in", _f(n["cooperativeIn"], 3)],
                ["conflictual out", _f(n["conflictualOut"], 3)], ["conflictual in", _f(n["conflictualIn"], 3)],
            ], numeric={1}))
        return tables
    if report.kind == "changes":
        wa, wb = d["windowA"], d["windowB"]
        cols = ["id", "name", "rank a", "rank b", "rank change", "score a", "score b", "score change", "facts a", "facts b"]

        def rows(rs):
            return [[r["id"], r["name"], _f(r["rankA"]), _f(r["rankB"]), _signed(r["rankChange"]), _f(r["scoreA"], 2), _f(r["scoreB"], 2),
                     "" if r["scoreChange"] is None else f"{r['scoreChange']:+.2f}", str(r["factsA"]), str(r["factsB"])] for r in rs]

        span = f"{wa['since']}..{wa['until']} -> {wb['since']}..{wb['until']}"
        numeric = {2, 3, 4, 5, 6, 7, 8, 9}
        return [Table(f"All states, {span}", cols, rows(d["rows"]), numeric=numeric),
                Table("Rose (rank higher in window b)", cols, rows(d["rose"]), numeric=numeric, note=None if d["rose"] else "none"),
                Table("Fell (rank lower in window b)", cols, rows(d["fell"]), numeric=numeric, note=None if d["fell"] else "none"),
                Table("Entered (no tie in window a)", cols, rows(d["entered"]), numeric=numeric, note=None if d["entered"] else "none"),
                Table("Left (no tie in window b)", cols, rows(d["left"]), numeric=numeric, note=None if d["left"] else "none")]
    raise ReportError(f"unknown report {report.kind!r}")


def _nodes_phrase(summary: dict) -> str:
    """"14 states" or "14 states and 3 organisations" (nodes of other kinds counted apart)."""
    parts = [counted(summary["states"], "state")]
    if summary.get("organizations"):
        parts.append(counted(summary["organizations"], "organisation"))
    other = summary.get("nodes", 0) - summary["states"] - summary.get("organizations", 0)
    if other > 0:
        parts.append(counted(other, "other node"))
    return " and ".join(parts)


#: How the header names each reason a fact adds nothing to the state graph (keys of
#: ``summary.excluded``, see :func:`~diplograph.graph.analysis.state_graph`).
EXCLUDED_LABELS = {
    "neutral": "of types that are no tie (LEADS, OWNS, MEMBER_OF, RETREATS, INVESTIGATES)",
    "duplicateMention": "repeated mentions of an event in one article",
    "duplicateEvent": "repeated codings of one event in event data",
    "organization": "with an organisation at one end (count them with --organizations)",
    "noState": "with a firm or leader of unknown state",
    "leaderNotForState": "by or about a leader who does not act for the state",
    "selfLoop": "within one state",
    "outOfWindow": "outside --since/--until",
    "undatedOutOfWindow": "undated, so outside --since/--until",
    "undated": "undated (no age for --half-life)",
}


def _decay_phrase(parameters: dict) -> str:
    """", half-life 30 days from 2019-09-25", or without a dated fact to measure ages from, so said; "" without a half-life."""
    if not parameters["halfLifeDays"]:
        return ""
    days = f", half-life {parameters['halfLifeDays']:g} days"
    if parameters["referenceDate"] is None:
        return days + " (no fact is dated, so none has an age)"
    return f"{days} from {parameters['referenceDate']}"


def _header_lines(report: Report) -> list[str]:
    d = report.data
    p, s = d["parameters"], d["summary"]
    window = f"{p['since'] or s['firstDate'] or '…'} to {p['until'] or s['lastDate'] or '…'}"
    decay = _decay_phrase(p)
    if report.kind == "changes":
        lines = [f"window {name}: {w['since'] or '…'} to {w['until'] or '…'}: {counted(w['facts'], 'fact')}, {counted(w['states'], 'state')}, {counted(w['ties'], 'tie')} ({d['origin']}){decay}"
                 for name, w in (("a", d["windowA"]), ("b", d["windowB"]))]
        lines.append(d["method"])
        return lines
    lines = [
        f"{s['factsUsed']:,} of {counted(s['facts'], 'fact')} used ({d['origin']}), {_nodes_phrase(s)}, {counted(s['ties'], 'tie')}; {window}{decay}",
    ]
    if d.get("sample"):
        sm = d["sample"]
        lines.append(f"rests on {counted(sm['facts'], 'fact')}: {counted(sm['articles'], 'article')} and "
                     f"{counted(sm['codedEvents'], 'coded event')} from {counted(sm['sources'], 'source')} on "
                     f"{counted(sm['days'], 'day')}; event data: {sm['eventRuleText']}")
    if d.get("warnings"):
        lines.append(f"thin sample (one source, or fewer than {THIN_FACTS} facts) for {counted(len(d['warnings']), 'state')}: "
                     + "; ".join(d["warnings"]))
    left_out = [(count, EXCLUDED_LABELS.get(reason, reason)) for reason, count in (s.get("excluded") or {}).items() if count]
    if left_out:
        lines.append("left out: " + ", ".join(f"{count:,} {label}" for count, label in sorted(left_out, key=lambda x: -x[0])))
    ev = (d.get("method") or {}).get("centrality", {}).get("eigenvector", {})
    if ev and ev.get("componentNodes", 0) < ev.get("nodes", 0):
        lines.append(f"eigenvector: largest cooperative component only ({ev['componentNodes']:,} of {counted(ev['nodes'], 'node')}); "
                     "'–' outside it (not comparable across components)")
    if "balance" in d and d["balance"]["share"] is not None:
        b = d["balance"]
        lines.append(f"structural balance: {b['balanced']:,} of {counted(b['triads'], 'triad')} balanced ({b['share']:.1%}); "
                     f"bloc frustration {d['frustrationShare']:.1%}")
    return lines


def _render_markdown(report: Report) -> str:
    # every text from the data goes through markdown_text: no raw HTML reaches a viewer
    out = [f"# diplograph {report.kind} report", ""]
    out += [f"- {markdown_text(line)}" for line in _header_lines(report)] + [""]
    for t in tables_of(report):
        out += [f"## {markdown_text(t.title)}", ""]
        if t.rows or not t.note:
            out.append("| " + " | ".join(markdown_text(c, cell=True) for c in t.columns) + " |")
            out.append("|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.columns))) + "|")
            out += ["| " + " | ".join(markdown_text(c, cell=True) for c in row) + " |" for row in t.rows]
            out.append("")
        if t.note:
            out += ["  \n".join(markdown_text(line) for line in t.note.split("\n")), ""]
    return "\n".join(out)


def _render_csv(report: Report) -> str:
    d = report.data
    buf = io.StringIO()
    w = safe_csv_writer(buf, lineterminator="\n")
    if report.kind == "centrality":
        cols = ["rank", "id", "name", "bloc", "community", "pagerank", "eigenvector", "betweenness",
                "cooperativeOut", "cooperativeIn", "conflictualOut", "conflictualIn", "facts"]
        w.writerow(cols)
        w.writerows([[("" if r[c] is None else r[c]) for c in cols] for r in d["states"]])
    elif report.kind == "blocs":
        w.writerow(["bloc", "id", "name"])
        w.writerows([[b["bloc"], m["id"], m["name"]] for b in d["blocs"] for m in b["members"]])
    elif report.kind == "actor":
        cols = ["key", "date", "subject", "relation", "object", "counted", "weight", "direction", "reason", "article", "sentence"]
        w.writerow(cols)
        for it in d["facts"]:
            w.writerow([it["key"], it["date"] or "", it["subject"]["id"], it["relation"], it["object"]["id"], it["counted"],
                        "" if it["weight"] is None else it["weight"], it.get("direction", ""), it.get("reason", ""),
                        (it.get("article") or {}).get("id") or "", it.get("sentence") or ""])
    else:
        cols = ["id", "name", "rankA", "rankB", "rankChange", "pagerankA", "pagerankB", "pagerankChange", "scoreA", "scoreB", "scoreChange",
                "factsA", "factsB"]
        w.writerow(cols)
        w.writerows([[("" if r[c] is None else r[c]) for c in cols] for r in d["rows"]])
    return buf.getvalue()


#: Widest a text column is made before its cells fold onto more lines (names, slugs, sentences).
TEXT_COLUMN_WIDTH = 24


def fitting_columns(table: Table, width: int) -> list[int]:
    """Indexes of the columns of ``table`` shown on a console ``width`` characters wide.

    Each column needs its header whole (headers never split) and its widest cell, text
    columns at most :data:`TEXT_COLUMN_WIDTH` (their cells fold); a rich table adds 3
    characters a column and 1 for the last border. Columns are kept from the left (the
    tables put what identifies a row and the main measure first) while they fit; the first
    one always is.

    >>> fitting_columns(Table("t", ["id", "pagerank", "eigenvector"], [["RUS", "0.31", "0.12"]]), 20)
    [0, 1]
    """
    kept, used = [], 1
    for i, header in enumerate(table.columns):
        cells = max((len(row[i]) for row in table.rows), default=0)
        need = max(len(header), cells if i in table.numeric else min(cells, TEXT_COLUMN_WIDTH)) + 3
        if kept and used + need > width:
            break
        kept.append(i)
        used += need
    return kept


def _render_table(report: Report, console) -> None:
    console.print(f"diplograph {report.kind} report", style="bold", markup=False, soft_wrap=False)
    for line in _header_lines(report):
        console.print(line, markup=False, soft_wrap=False)
    for t in tables_of(report):
        if t.rows or not t.note:
            kept = fitting_columns(t, console.width)
            rt = RichTable(title=t.title, title_justify="left")
            for i in kept:
                rt.add_column(t.columns[i], justify="right" if i in t.numeric else "left", overflow="fold",
                              min_width=len(t.columns[i]), no_wrap=i in t.numeric)
            for row in t.rows:
                rt.add_row(*[Text(html.unescape(row[i])) for i in kept])  # data, never rich markup
            console.print(rt)
            left_out = [c for i, c in enumerate(t.columns) if i not in kept]
            if left_out:
                console.print(f"not shown at this width: {', '.join(left_out)} (--format csv or json has every column)",
                              markup=False, soft_wrap=False)
        else:
            console.print(t.title, markup=False, soft_wrap=False)
        if t.note:
            console.print(t.note, markup=False, soft_wrap=False)


def render(report: Report, fmt: str, *, console=None, seed: int = 0) -> str | None:
    """Render a report as ``table`` (printed on ``console``, returns None), ``markdown``,
    ``html``, ``json`` or ``csv`` (returned as text).

    Raises
    ------
    ReportError
        If ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "json":
        return json.dumps(report.data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _render_markdown(report)
    if fmt == "csv":
        return _render_csv(report)
    if fmt == "html":
        return _render_html(report, seed=seed)
    if fmt == "table":
        if console is None:
            console = Console()
        _render_table(report, console)
        return None
    raise ReportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def _script_json(data) -> str:
    """JSON for a ``<script type="application/json">`` element: ``<``, ``>`` and ``&`` written
    as ``\\u`` escapes, so no text (article sentences included) can end the element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vendor_js(name: str) -> str:
    """A vendored script (``graph/reports/vendor/``, see its README for source and licence)."""
    return (Path(__file__).with_name("vendor") / name).read_text(encoding="utf-8")


def _render_html(report: Report, *, seed: int = 0) -> str:
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("diplograph.graph.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["web_url"] = web_url  # only http(s) URLs become links
    env.globals["counted"] = counted
    figures = []
    if report.kind in ("centrality", "blocs") and report.graph is not None:
        figures.append(("Network of states, coloured by bloc", _svg(plot_network(report, seed=seed))))
    if report.kind == "centrality" and report.data["states"]:
        figures.append(("Top states by PageRank", _svg(plot_bars(report))))
    if (report.data.get("timeline") or {}).get("months"):
        figures.append(("Facts over time", _svg(plot_timeline(report))))
    network = report.data.get("network")
    template = env.get_template("report.html.j2")
    page = template.render(
        network_json=None if network is None else _script_json({**network, "colours": {str(b): _colour(b) for b in
                                                                 {n["bloc"] for n in network["nodes"]} if b}, "other": _colour(None)}),
        vis_network=None if network is None else _vendor_js("vis-network.min.js"),
        report=report.data,
        kind=report.kind,
        header=_header_lines(report),
        tables=tables_of(report),
        figures=figures,
        colour=_colour,
        content_security_policy=_CSP_SLOT,
    )
    # the policy names the hash of each inline script of the page (the vendored vis-network and
    # the page's own), so that those run and nothing else; the slot is in <head>, before any data
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    return page.replace(_CSP_SLOT, str(markupsafe.escape(content_security_policy(scripts))), 1)


#: Where the Content-Security-Policy goes in the rendered page, filled once the page's scripts are known.
_CSP_SLOT = "diplograph-content-security-policy"
