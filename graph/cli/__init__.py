"""The ``diplograph`` command line: a thin layer over the Python API (:mod:`diplograph`).

One module per command group, each a few lines around one API call: :mod:`.load` (``load``,
``extract``, ``stats``), :mod:`.report` (``report ...``, ``export``), :mod:`.query`
(``query``), :mod:`.neo4j` (``neo4j ...``, ``sync``), :mod:`.evaluation` (``eval``). What
they share (consoles, the one-line error printer, the progress bar, the store options) is in
:mod:`.options`; the app and its error handling in :mod:`.app`.
"""

from __future__ import annotations

from diplograph.graph.cli import evaluation, load, neo4j, query, report
from diplograph.graph.cli.app import app

__all__ = ["app", "main"]

for _group in (load, neo4j, report, query, evaluation):
    _group.register(app)


def main() -> None:
    """Entry point of the ``diplograph`` console script."""
    app()
