"""Where the test suite's files are, for test modules at any depth of ``tests/``."""

from pathlib import Path

#: The ``tests/`` folder.
TESTS = Path(__file__).resolve().parent
#: The repository (``README.md``, ``examples/``, ``cypher/``).
ROOT = TESTS.parent
#: Test data, each folder with its source and licence (``tests/data/README.md``).
DATA = TESTS / "data"
#: Gold facts of the corpus articles.
GOLD = TESTS / "gold"
