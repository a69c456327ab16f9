"""The engine's shape as tests: no Django anywhere in it, imports one way (vocab <- cv <- roles <-
matching), and no module under src/ importing one that imports it back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ENGINE = SRC / "shortlist" / "engine"
LAYERS = ("vocab", "cv", "roles", "matching")  # each may import only those before it


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every shortlist module `path` imports, at any depth of the file (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("shortlist")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in SRC.rglob("*.py") if "migrations" not in p.parts}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


@pytest.mark.parametrize("package", LAYERS)
def test_engine_packages_import_without_django(package):
    code = (
        f"import sys, pkgutil, importlib, shortlist.engine.{package} as pkg\n"
        "for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "loaded = sorted(n for n in sys.modules if n == 'django' or n.startswith('django.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"shortlist.engine.{package} pulled in {result.stdout.strip()}"


def test_engine_imports_run_one_way():
    wrong = []
    for module, targets in _graph().items():
        if not module.startswith("shortlist.engine."):
            continue
        own = LAYERS.index(module.split(".")[2])
        for target in targets:
            if not target.startswith("shortlist.engine"):
                wrong.append(f"{module} imports {target}, outside the engine")
            elif target.count(".") >= 2 and LAYERS.index(target.split(".")[2]) > own:
                wrong.append(f"{module} imports {target}, a later layer")
    assert wrong == []


def test_no_module_imports_one_that_imports_it_back():
    graph = _graph()
    cycles = []
    for module, targets in graph.items():
        for target in targets:
            if module < target and module in graph.get(target, ()):
                cycles.append(f"{module} <-> {target}")
    # A longer loop is found by walking from each module back to itself.
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, path = stack.pop()
            for target in graph.get(node, ()):
                if target == start and len(path) > 2:
                    cycles.append(" -> ".join((*path, start)))
                elif target not in seen and target not in path:
                    seen.add(target)
                    stack.append((target, (*path, target)))
    assert cycles == []
