"""Every example in a docstring of diplograph runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

from diplograph import cypher, graph, loaders

MODULES = sorted(
    info.name
    for package in (graph, loaders, cypher)
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_the_core_modules_have_examples() -> None:
    attempted = {name: doctest.testmod(importlib.import_module(name)).attempted for name in
                 ("diplograph.graph.model.records", "diplograph.graph.analysis.frame", "diplograph.loaders.articles")}
    assert all(count > 0 for count in attempted.values()), attempted
