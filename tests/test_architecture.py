"""The layers hold: ui -> services -> model, PySide6 only under ui, ui/ in rooms (import-linter
contracts); no import circle anywhere in the package, counting every import statement; and
ui/ keeps few modules at its top level."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "smsflow_desktop"
UI_TOP_LEVEL_MAX = 15


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower() or "0 broken" in result.stdout.lower()


# -- import circles -----------------------------------------------------------------------------
def module_files(package: Path) -> dict[str, tuple[Path, bool]]:
    """Every module under ``package``: dotted name -> (file, whether it is a package's __init__)."""
    out: dict[str, tuple[Path, bool]] = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        out[".".join(parts)] = (path, is_package)
    return out


def imported_names(module: str, is_package: bool, tree: ast.AST, known: set[str]) -> Iterator[str]:
    """Every module of ``known`` that an import statement anywhere in ``tree`` names: at module
    level, inside functions and under ``if TYPE_CHECKING:`` alike. ``from x import y`` names
    ``x.y`` when that is a module, else ``x``; relative imports are resolved."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            for alias in node.names:
                if f"{source}.{alias.name}" in known:
                    yield f"{source}.{alias.name}"
                elif source in known:
                    yield source


def import_graph(package: Path) -> dict[str, set[str]]:
    files = module_files(package)
    known = set(files)
    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[module] = set(imported_names(module, is_package, tree, known))
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[tuple[list[str], list[str]]]:
    """Each group of modules that import each other (directly or round about), with one
    circle through its first module (``[a, b, ..., a]``)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph[node]:
                    groups.append(sorted(group))
    return [(group, _cycle_through(group, graph)) for group in groups]


def _cycle_through(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest import path from the group's first module back to itself, inside the group."""
    first, members = group[0], set(group)
    paths = {first: [first]}
    frontier = [first]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child == first:
                    return [*paths[node], first]
                if child not in paths:
                    paths[child] = [*paths[node], child]
                    following.append(child)
        frontier = following
    return [*group, first]


def test_no_module_imports_itself_back() -> None:
    cycles = import_cycles(import_graph(PACKAGE))
    assert cycles == [], "import circles:\n" + "\n".join(
        f"{' -> '.join(cycle)} (modules in this circle: {', '.join(group)})" for group, cycle in cycles
    )


def test_the_circle_check_sees_every_kind_of_import(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..c import C\n"
    )
    (package / "c.py").write_text("import pkg.a\nclass C: ...\n")
    (package / "d.py").write_text("from pkg import c\n")
    graph = import_graph(package)
    assert graph["pkg.a"] == {"pkg.sub.b"} and graph["pkg.sub.b"] == {"pkg.c"} and graph["pkg.d"] == {"pkg.c"}
    assert import_cycles(graph) == [(["pkg.a", "pkg.c", "pkg.sub.b"], ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"])]


# -- ui/ in rooms -------------------------------------------------------------------------------
def test_ui_keeps_few_modules_at_its_top_level() -> None:
    top_level = sorted(path.stem for path in (PACKAGE / "ui").glob("*.py"))
    assert len(top_level) <= UI_TOP_LEVEL_MAX, (
        f"{len(top_level)} modules at the top of smsflow_desktop/ui (at most {UI_TOP_LEVEL_MAX}): "
        f"{', '.join(top_level)}; put the new ones in a room (editor, run, people, vibes, window)"
    )
