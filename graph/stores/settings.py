"""Configuration from the environment (pydantic-settings), never from code or files in the repo.

Environment variables
---------------------
NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE
    Where a Neo4j store is and how to log in (the names the Neo4j tools use).
DIPLOGRAPH_STORE
    Path of the embedded SQLite store; default ``graph.sqlite`` in the user's data
    directory (platformdirs: ``~/.local/share/diplograph`` on Linux).
"""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_store_path", "data_dir", "display_uri"]


def display_uri(uri: str) -> str:
    """A URI fit to print: whatever comes before the last ``@`` after the scheme is cut out,
    so a password never shows, whatever its characters (``/``, ``#``, ``?`` or ``@`` in a
    password end the host part for a URI parser, so the parser's user-info is not enough).

    >>> display_uri("bolt://neo4j:secret@localhost:7687")
    'bolt://localhost:7687'
    >>> display_uri("bolt://neo4j:12345/TopSecret@127.0.0.1:7701")
    'bolt://127.0.0.1:7701'
    >>> display_uri("neo4j://neo4j:a#b@c@db.example.org?policy=x")
    'neo4j://db.example.org'

    The query and fragment are cut too: a routing context may be given a password by mistake
    (``bolt://host:7687?password=...``).
    """
    scheme, sep, rest = uri.partition("://")
    return f"{scheme}{sep}{re.split(r'[?#]', rest.rpartition('@')[2], maxsplit=1)[0]}"


def data_dir() -> Path:
    """The user's data directory for diplograph (created on demand by the callers that write to it)."""
    return Path(platformdirs.user_data_dir("diplograph", appauthor=False))


def default_store_path() -> Path:
    """Default path of the embedded store: ``<user data dir>/graph.sqlite``."""
    return data_dir() / "graph.sqlite"


class Settings(BaseSettings):
    """Settings read from the environment; the password is a SecretStr so it never prints."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI"))
    neo4j_username: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USERNAME", "NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(default=None, validation_alias=AliasChoices("NEO4J_PASSWORD"))
    neo4j_database: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_DATABASE"))
    store: Path = Field(default_factory=default_store_path, validation_alias=AliasChoices("DIPLOGRAPH_STORE"))
