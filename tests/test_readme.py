"""README's examples stay true: CI runs the very test command the README gives, and the Python
API example runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from locations import ROOT



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


def readme_python() -> list[str]:
    """The Python blocks of the README's "Python API" section (other sections show snippets
    that need a cluster)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def _run(code: str, cwd: Path) -> str:
    (cwd / "examples").symlink_to(ROOT / "examples")
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_python_api_example_loads_the_examples_and_ranks_states(tmp_path: Path) -> None:
    first, _ = readme_python()
    out = _run(first, tmp_path).splitlines()
    articles, facts = out[0].replace(",", "").split()[::2]
    assert articles == "8" and int(facts) > 0, out[0]
    assert out[1].split() == ["rank", "name", "pagerank"]
    assert out[3].split()[:3] == ["VEN", "1", "Venezuela"]
    assert (tmp_path / "graph.sqlite").exists()


def test_the_python_api_example_runs_a_named_query_on_neo4j(tmp_path: Path, neo4j_store, neo4j_env) -> None:
    _, second = readme_python()
    code = "import diplograph\n" + second.replace("bolt://127.0.0.1:7687", neo4j_env.uri)
    out = _run(code, tmp_path)
    assert "China" in out and "Russia" in out, out
