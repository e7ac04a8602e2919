"""Where facts live: one interface, two stores, and what serves them.

:mod:`.base` (the :class:`~.base.GraphStore` interface every store implements and its
records), :mod:`.sqlite_store` (the embedded store), :mod:`.neo4j_store` (Neo4j),
:mod:`.neo4j_server` (a local Neo4j server resolved with Maven, ``java/pom.xml``),
:mod:`.sync` (SQLite -> Neo4j), :mod:`.settings` (environment and defaults) and
:mod:`.opening` (:func:`~.opening.open_store`: which store a command or a user gets).
"""
