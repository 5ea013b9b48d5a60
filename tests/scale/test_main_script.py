"""Pool workers and the writer's main script: the `newsloom` command is not run again in
each worker (it would import the whole CLI there), another script is imported once, by
the fork server, and workers have it as their `__main__`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from newsloom.pipeline import forkserver_main

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
RUN = 'sys.exit(__import__("tests.scale.main_script", fromlist=["run"]).run(sys.argv[1]))'
# As pip writes the `newsloom` console script (no names of its own but `main`).
COMMAND_SCRIPT = f"""import re
import sys
from newsloom.cli import main
if __name__ == "__main__":
    {RUN}
"""
# A user's script: names of its own, and a line that notes every process running it.
USER_SCRIPT = f"""import os
import sys
from newsloom.cli import main
MARK = "mine"
with open(os.environ["RUNS_LOG"], "a") as log:
    log.write(f"{{os.getpid()}}\\n")
if __name__ == "__main__":
    {RUN}
"""


def _run_script(tmp_path: Path, text: str) -> tuple[dict[str, object], list[int], int]:
    script = tmp_path / "script.py"
    script.write_text(text, encoding="utf-8")
    out, runs = tmp_path / "note.json", tmp_path / "runs.log"
    env = {**os.environ, "PYTHONPATH": str(REPO), "RUNS_LOG": str(runs)}
    done = subprocess.run(
        [sys.executable, str(script), str(out)], cwd=REPO, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    ran = [int(line) for line in runs.read_text().split()] if runs.exists() else []
    return json.loads(out.read_text(encoding="utf-8")), ran, os.getpid()


def test_the_newsloom_command_is_not_run_again_in_a_worker(tmp_path: Path) -> None:
    note, _, _ = _run_script(tmp_path, COMMAND_SCRIPT)
    assert note["cli"] is False  # the worker never imported the CLI
    assert note["main_file"] == str(tmp_path / "script.py")


def test_another_script_is_imported_once_by_the_fork_server(tmp_path: Path) -> None:
    note, ran, _ = _run_script(tmp_path, USER_SCRIPT)
    assert note["mark"] == "mine"  # the worker has the script as its __main__ ...
    assert note["pid"] not in ran  # ... without running it itself
    assert len(ran) == 2  # the writer, then the fork server


def test_a_console_script_is_told_from_other_modules() -> None:
    from newsloom.cli import main

    def module(**names: object) -> types.ModuleType:
        made = types.ModuleType("__main__")
        vars(made).update(names)
        return made

    assert forkserver_main.is_newsloom_command(module(main=main, re=object(), sys=sys))
    assert not forkserver_main.is_newsloom_command(module(main=main, MARK="mine"))
    assert not forkserver_main.is_newsloom_command(module(main=print))


def test_only_a_child_of_the_writer_that_named_the_script_takes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main = sys.modules["__main__"]
    monkeypatch.setenv(forkserver_main.MAIN_PATH, f"{os.getppid() + 1}:/elsewhere/script.py")
    monkeypatch.setenv(forkserver_main.MAIN_IS_CLI, "1")
    forkserver_main.load_main_script()
    assert sys.modules["__main__"] is main
