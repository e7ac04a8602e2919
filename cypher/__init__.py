"""The Neo4j schema, the named queries (``queries/*.cypher``) and :mod:`.library`, which runs
them and user Cypher. The map is ``docs/architecture.md``."""
