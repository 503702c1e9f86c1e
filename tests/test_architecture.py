"""The direction of imports: the analysis core knows nothing of the surfaces built on it.

Read from the source (every ``import`` statement, including those inside functions), so a
shortcut taken anywhere shows up here rather than as a slow, tangled start-up later.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"vblint": ROOT / "src" / "vblint", "vblint_server": ROOT / "server" / "vblint_server"}
SURFACES = ("vblint.cli", "vblint.lsp", "vblint_server", "vblint.formats")


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(path: Path, name: str) -> set[str]:
    """The project modules ``path`` imports (a package import counts as its ``__init__``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


GRAPH = {name: _imports(path, name) for name, path in MODULES.items()}


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_analysis_core_imports_no_surface_and_not_the_linter() -> None:
    bad = {
        (name, target)
        for name, targets in GRAPH.items()
        if _inside(name, "vblint.analysis")
        for target in targets
        if any(_inside(target, s) for s in SURFACES)
        or target in ("vblint.linter", "vblint.finish", "vblint.directives", "vblint.fix")
    }
    assert not bad, f"the analysis core reaches out to: {sorted(bad)}"


def test_only_the_command_line_imports_the_command_line() -> None:
    bad = {
        (name, target)
        for name, targets in GRAPH.items()
        if not _inside(name, "vblint.cli")
        for target in targets
        if _inside(target, "vblint.cli")
    }
    assert not bad, f"modules outside vblint.cli import it: {sorted(bad)}"


def test_the_library_does_not_import_the_service_or_editor_surfaces() -> None:
    """Only the command line starts the service and the language server."""
    library = [
        n
        for n in GRAPH
        if _inside(n, "vblint") and not any(_inside(n, s) for s in ("vblint.cli", "vblint.lsp"))
    ]
    bad = {
        (name, target)
        for name in library
        for target in GRAPH[name]
        if _inside(target, "vblint_server") or _inside(target, "vblint.lsp")
    }
    assert not bad, f"the library imports a surface: {sorted(bad)}"


def test_there_are_no_import_cycles() -> None:
    """Submodule edges only: a package's ``__init__`` re-exporting its parts is not a cycle."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(GRAPH[node]):
            if node.startswith(target + "."):
                continue  # a module importing its own package's __init__
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert not cycles, f"import cycles: {cycles}"


def test_the_graph_sees_the_modules_it_judges() -> None:
    assert "vblint.analysis.engine" in GRAPH and "vblint.cli.main" in GRAPH
    assert "vblint.analysis.pipeline" in GRAPH["vblint.linter"]
