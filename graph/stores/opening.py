"""Open the store a command asks for: the embedded SQLite file by default, or Neo4j."""

from __future__ import annotations

import logging
from pathlib import Path

from diplograph.graph.stores.base import GraphStore
from diplograph.graph.stores.settings import Settings
from diplograph.graph.stores.sqlite_store import SQLiteStore

__all__ = ["open_store", "neo4j_uri"]

_log = logging.getLogger(__name__)


def neo4j_uri(neo4j: str | None, settings: Settings | None = None) -> str | None:
    """The Neo4j URI in force: ``--neo4j`` when given, else ``NEO4J_URI``, else ``None`` (embedded store)."""
    return neo4j or (settings or Settings()).neo4j_uri


def open_store(store: str | Path | None = None, neo4j: str | None = None, readonly: bool = False) -> GraphStore:
    """Open the store in force.

    Parameters
    ----------
    store:
        Path of the SQLite store (``--store``); default ``DIPLOGRAPH_STORE`` or the user data dir.
    neo4j:
        Neo4j URI (``--neo4j``); when neither it nor ``NEO4J_URI`` is set, the SQLite store is used.
        Credentials come from ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.
    readonly:
        For commands that only read: an SQLite store must exist and is opened read-only.

    Raises
    ------
    StoreError
        If the store cannot be opened or reached (one clear line, no credentials in it).
    """
    settings = Settings()
    uri = neo4j_uri(neo4j, settings) if store is None else neo4j
    if uri:
        # imported here: the Neo4j driver takes a moment to load and SQLite users never need it
        from diplograph.graph.stores.neo4j_store import Neo4jStore

        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        opened = Neo4jStore(uri, settings.neo4j_username, password, settings.neo4j_database)
        _log.info("using the neo4j store %s", opened.uri)
        return opened
    path = Path(store or settings.store)
    _log.info("using the sqlite store %s%s", path, " (read-only)" if readonly else "")
    return SQLiteStore(path, readonly=readonly)
