"""The writer's main script in the fork server, so that workers do not each run it again.

A worker forked from the fork server prepares itself as a spawned process does: when
the writer's main module is a script (the `newsloom` command is one), the worker runs
that script again as `__mp_main__`, unless its `__main__` already has that file. For
the `newsloom` command that imports the whole CLI in every worker: about 2 s of CPU
before its first batch and 45-50 MB more memory. Python's fork server means to import
the script once itself when `__main__` is preloaded, but on Python 3.11 it never learns
the script's path (it looks for a `main_path` key that `spawn.get_preparation_data`
calls `init_main_from_path`), so the writer hands the path over in the environment
(`share_main_script`), and this module, preloaded first, does it:

- newsloom's own command (a script holding nothing but the CLI's `main`) is needed by
  no worker: the server's `__main__` only takes the script's file name, and workers
  skip the script;
- any other script (a user's, whose own stages a batch may name) is imported once, in
  the server, as Python would.
"""

from __future__ import annotations

import os
import sys
import types
from multiprocessing import process, spawn

MAIN_PATH = "NEWSLOOM_MAIN_SCRIPT"
MAIN_IS_CLI = "NEWSLOOM_MAIN_SCRIPT_IS_CLI"
# What a console script generated for `newsloom.cli:main` defines besides `main`.
_CONSOLE_SCRIPT_NAMES = frozenset({"main", "re", "sys"})


def share_main_script() -> None:
    """In the writer, before its fork server starts: name its main script (if it runs
    one) in the environment the server inherits."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    path = getattr(main, "__file__", None)
    if main is None or getattr(spec, "name", None) is not None or not path:
        # `python -m ...` (workers import a module by name, or skip `__main__.py`)
        # or an interactive session: nothing to hand over.
        os.environ.pop(MAIN_PATH, None)
        os.environ.pop(MAIN_IS_CLI, None)
        return
    original_dir = getattr(process, "ORIGINAL_DIR", None)  # where this process started
    if not os.path.isabs(path) and original_dir is not None:
        path = os.path.join(original_dir, path)
    # The writer's pid first: only a process it started itself (its fork server) acts.
    os.environ[MAIN_PATH] = f"{os.getpid()}:{os.path.normpath(path)}"
    os.environ[MAIN_IS_CLI] = "1" if is_newsloom_command(main) else "0"


def is_newsloom_command(module: types.ModuleType) -> bool:
    """Whether `module` is the `newsloom` console script: the CLI's `main` and nothing
    of its own."""
    cli = sys.modules.get("newsloom.cli")
    names = {name for name in vars(module) if not name.startswith("__")}
    return (
        cli is not None
        and getattr(module, "main", None) is getattr(cli, "main", None)
        and names <= _CONSOLE_SCRIPT_NAMES
    )


def load_main_script() -> None:
    """In the fork server: take in the writer's main script as `share_main_script`
    named it (nothing when it named none, when this process is not a child of the one
    that named it, or when the server has it already)."""
    writer, _, path = os.environ.get(MAIN_PATH, "").partition(":")
    if not path or writer != str(os.getppid()):
        return  # none named, or named by another process than the one that started this
    if getattr(sys.modules.get("__main__"), "__file__", None) == path:
        return
    if os.environ.get(MAIN_IS_CLI) == "1":
        main = types.ModuleType("__mp_main__")
        main.__file__ = path
        sys.modules["__main__"] = sys.modules["__mp_main__"] = main
        return
    current = process.current_process()
    current._inheriting = True  # type: ignore[attr-defined]  # as the fork server does
    try:
        spawn.import_main_path(path)
    finally:
        del current._inheriting  # type: ignore[attr-defined]


load_main_script()
