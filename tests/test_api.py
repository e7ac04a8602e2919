"""``import diplograph``: the documented surface, its version, and a light import of the model."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import pytest

import diplograph


def test_the_package_has_its_version() -> None:
    assert diplograph.__version__ == importlib.metadata.version("diplograph") == "0.1.0"


@pytest.mark.parametrize("name", [name for name in diplograph.__all__ if name != "__version__"])
def test_every_public_name_resolves_to_its_home(name: str) -> None:
    value = getattr(diplograph, name)
    assert value.__name__ == name
    assert value.__module__.startswith(("diplograph.graph.", "diplograph.loaders.", "diplograph.cypher."))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'centralty'"):
        diplograph.centralty  # noqa: B018


def test_importing_the_model_loads_neither_spacy_nor_pandas() -> None:
    code = "import sys, diplograph.graph.model.records; print(sorted({'spacy', 'pandas', 'networkx'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
