"""README's first two commands stay true: CI runs the very test command the README gives."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    return [block.strip() for block in blocks[:2]]


def test_ci_runs_the_readme_test_command() -> None:
    _, test_command = readme_commands()
    assert test_command.endswith("python -m pytest -q")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_main_job_loads_the_shipped_examples_and_ends_with_a_report() -> None:
    main_job, _ = readme_commands()
    assert "diplograph load examples/articles" in main_job
    assert main_job.split("&&")[-1].strip().startswith(".venv/bin/diplograph report centrality")
    assert (ROOT / "examples" / "articles" / "russia-venezuela-2019.txt").exists()
