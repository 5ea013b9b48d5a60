"""The package's import graph: no cycles, and layers that only import downwards."""

from __future__ import annotations

import ast
from pathlib import Path

import newsloom

PACKAGE_ROOT = Path(newsloom.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the newsloom modules it imports (by `import` or `from ... import`).

    `from package import name` counts as importing `package.name` when that is a module,
    else `package`. Imports under `if TYPE_CHECKING:` count too: a cycle of types is
    still a cycle for a reader.
    """
    modules = {module_name(p): p for p in PACKAGE_ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name if is_package else name.rsplit(".", 1)[0]
                    for _ in range(node.level - 1):
                        anchor = anchor.rsplit(".", 1)[0]
                    base = f"{anchor}.{base}" if base else anchor
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (as a list of modules, first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for child in sorted(graph[node]):
            if state.get(child) == 1:
                return [*path[path.index(child) :], child]
            if child not in state and (found := visit(child)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_newsloom_has_no_import_cycles() -> None:
    graph = import_graph()
    assert len(graph) > 100  # the walk really found the package
    assert find_cycle(graph) is None


def test_only_the_store_package_imports_its_sqlite_backend() -> None:
    graph = import_graph()
    outside = {
        (module, imported)
        for module, imports in graph.items()
        for imported in imports
        if imported.startswith("newsloom.store.sqlite")
        and not module.startswith("newsloom.store.sqlite")
        and module != "newsloom.store.backends"  # the scheme table opens it lazily
    }
    assert outside == set()
