"""The graph side of diplograph: :mod:`.model` (records, vocabulary, errors), :mod:`.stores`
(interface, SQLite, Neo4j), :mod:`.analysis` (measures), :mod:`.reports`, :mod:`.export` and
:mod:`.cli` (the command line). The map is ``docs/architecture.md``."""
