"""The layers stay layered: the model is plain data, and core modules import no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "calsync"


def _imports(path: Path) -> set[str]:
    """Every calsync module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("calsync"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("calsync"))
    return found


def _module(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def test_the_model_depends_on_nothing_of_calsync() -> None:
    assert _imports(PACKAGE / "model.py") == set()


def test_core_modules_import_no_cycle() -> None:
    modules = {_module(p): p for p in (PACKAGE / "core").glob("*.py")}
    graph = {name: {m for m in _imports(path) if m in modules} for name, path in modules.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start]:
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert [name for name in sorted(graph) if reaches(name, name, {name})] == []
