"""``diplograph eval``: score the extractor against gold files and PLOVER records.

A thin layer over :mod:`diplograph.loaders.evaluation`. Gold files in the seed format
(``.json``) name their article relative to the file (or give it with ``--article``);
PLOVER files are ``.jsonl``. Prints precision, recall and F1 overall and per relation
type, the precision/recall curve over confidence thresholds and, with ``--show-errors``,
every miss and false fact with its sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from diplograph.graph.cli.options import report_error
from diplograph.graph.model.errors import DiplographError

__all__ = ["register"]

THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command to the app."""

    @app.command("eval")
    def eval_command(
        paths: Annotated[list[Path], typer.Argument(help="Gold files (.json, seed format) or PLOVER record files (.jsonl).")],
        article: Annotated[Optional[Path], typer.Option("--article", help="Article text for a single gold file (default: the path in the gold file).")] = None,
        date: Annotated[Optional[str], typer.Option("--date", help="Article date YYYY-MM-DD (default: the gold file's date).")] = None,
        min_confidence: Annotated[float, typer.Option("--min-confidence", help="Ignore facts below this confidence (0..1).")] = 0.0,
        show_errors: Annotated[bool, typer.Option("--show-errors", help="List each miss and false fact with its sentence.")] = False,
    ) -> None:
        """Score extraction against gold facts: precision, recall, F1, per type and over confidence.

        A malformed input is reported as one line (``error: <file>[:<line>]: ...``) and left
        out; the other inputs are still scored, and the exit code is 1.
        """
        from diplograph.loaders.evaluation import evaluate_paths  # loads spaCy: only this command needs it

        console = Console(soft_wrap=True, markup=False, emoji=False)
        errors: list[DiplographError] = []
        score_at = evaluate_paths(paths, article, date, errors=errors)
        for error in errors:
            report_error(error)
        score = score_at(min_confidence)
        if errors and score.n_gold == 0:
            raise typer.Exit(1)  # nothing left to score
        table = Table("relation", "gold", "found", "recall", "predicted", "correct", "precision", title="Extraction score")
        for rel, c in sorted(score.per_type.items()):
            rec = f"{c['found'] / c['gold']:.2f}" if c["gold"] else "-"
            prec = f"{c['correct'] / c['pred']:.2f}" if c["pred"] else "-"
            table.add_row(rel, str(c["gold"]), str(c["found"]), rec, str(c["pred"]), str(c["correct"]), prec)
        table.add_row(Text("all", style="bold"), str(score.n_gold), str(score.tp_recall), f"{score.recall:.3f}", str(score.n_pred),
                      str(score.tp_precision), f"{score.precision:.3f}")
        console.print(table)
        console.print(f"precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}"
                      + (f"  (min confidence {min_confidence})" if min_confidence else ""))
        curve = Table("min confidence", "precision", "recall", "F1", title="Precision/recall over confidence")
        for t in THRESHOLDS:
            s = score_at(t)
            curve.add_row(f"{t:.1f}", f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        console.print(curve)
        if score.forbidden:
            console.print(f"{len(score.forbidden)} must-not fact(s):", style="red")
            for f in score.forbidden:
                console.print(f"  {f['s']} {f['rel']} {f['o']} ({f['why']}) — {f['sentence']}")
        if show_errors:
            for m in score.misses:
                console.print(Text.assemble(("miss", "yellow"), f"  {m['s']} {m['rel']} {m['o']} — {m['sentence']}"))
            for f in score.false:
                console.print(Text.assemble(("false", "red"), f" {f['s']} {f['rel']} {f['o']} ({f['confidence']}) — {f['sentence']}"))
        if errors:
            raise typer.Exit(1)
