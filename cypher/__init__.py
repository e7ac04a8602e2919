"""The Neo4j schema, the named queries (``queries/*.cypher`` and their SQL twins), their
catalogue (:mod:`.catalogue`) and parameters (:mod:`.params`), and :mod:`.run`, which runs them
and user Cypher after the read-only check (:mod:`.readonly`). The map is ``docs/architecture.md``."""
