"""Counts in words, one way for every message and report: ``counted(1, "fact")`` is ``"1 fact"``."""

from __future__ import annotations

__all__ = ["counted"]


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``"1 fact"``, ``"2 facts"``, ``"0 facts"``, ``"1,200 facts"``; ``plural`` when it is not ``singular + "s"``.

    >>> counted(1, "error"), counted(3, "ally", "allies")
    ('1 error', '3 allies')
    """
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"
