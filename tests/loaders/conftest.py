"""What the loader tests share: one extractor (its tables and spaCy model load once per run)."""

import pytest

from diplograph.loaders.extract import Extractor


@pytest.fixture(scope="session")
def ex() -> Extractor:
    """The default extractor; extraction keeps no state between articles, so tests may share it."""
    return Extractor()
