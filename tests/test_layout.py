"""The layout of tui_clf/: three packages whose imports point down, and no import cycle.

    tui_clf.cli  --(only inside a function, to open the app)-->  tui_clf.app
         \\                                                          /
          +------------>  tui_clf.views, tui_clf.config  <----------+
                                       |
                                     engine  -->  numpy

What counts as an import: every `import` and `from ... import` anywhere in a module, found with
`ast`: at the top, inside a function (a lazy import still runs) and under `if TYPE_CHECKING:`
(a reader and a type checker still follow it). `from a.b import c` counts as importing the module
a.b.c when that is a module, else a.b. The package `__init__` files Python runs on the way to a
submodule are not counted: a package that gathers its submodules (tui_clf/cli/__init__.py) is the
usual pattern, not a cycle between two ideas.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_PACKAGES = frozenset({"textual", "textual_plotext", "typer", "click", "rich", "plotext"})
VIEWS_MAY_IMPORT = frozenset({"__future__", "numpy", "engine"}) | frozenset(sys.stdlib_module_names)


@dataclass(frozen=True)
class Import:
    importer: str  # dotted name of the importing module
    imported: str  # dotted name of the imported module (or of a third-party package)
    in_function: bool  # inside a def: runs only when the function is called
    line: int


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of `package` under `root`."""
    names = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def _resolve(module: str, name: str, known: dict[str, Path]) -> str:
    """`from module import name`: the submodule module.name if there is one, else module."""
    return f"{module}.{name}" if f"{module}.{name}" in known else module


def _functions_of(tree: ast.Module) -> set[int]:
    """ids of the import nodes that sit inside a function body."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inside.update(id(child) for child in ast.walk(node) if isinstance(child, (ast.Import, ast.ImportFrom)))
    return inside


def imports_of(name: str, path: Path, known: dict[str, Path]) -> list[Import]:
    """Every import statement of one module, wherever it sits in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    in_function = _functions_of(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            targets = [_resolve(module, alias.name, known) for alias in node.names]
        else:
            continue
        found.extend(Import(name, target, id(node) in in_function, node.lineno) for target in targets)
    return found


def all_imports(root: Path = ROOT) -> list[Import]:
    known = module_names(root, "tui_clf") | module_names(root, "engine")
    return [found for name, path in known.items() for found in imports_of(name, path, known)]


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def find_cycle(imports: list[Import], package: str = "tui_clf") -> list[str] | None:
    """One import cycle among the modules of `package` (as a closed path), or None."""
    graph: dict[str, set[str]] = {}
    for found in imports:
        if within(found.importer, package) and within(found.imported, package) and found.importer != found.imported:
            graph.setdefault(found.importer, set()).add(found.imported)
    visiting, done = [], set()

    def visit(node: str) -> list[str] | None:
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for nxt in sorted(graph.get(node, ())):
            if cycle := visit(nxt):
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        if cycle := visit(start):
            return cycle
    return None


def wrong_way(imports: list[Import]) -> list[str]:
    """Every import that points the wrong way between the layers, as `importer:line -> imported`."""
    bad = []
    for found in imports:
        top = found.imported.split(".")[0]
        where = f"{found.importer}:{found.line} -> {found.imported}"
        if within(found.importer, "tui_clf.views"):
            if top not in VIEWS_MAY_IMPORT and not within(found.imported, "tui_clf.views"):
                bad.append(f"{where} (views import only the engine, numpy, the stdlib and views)")
        elif within(found.importer, "tui_clf.app"):
            if within(found.imported, "tui_clf.cli"):
                bad.append(f"{where} (the app never imports the CLI)")
        elif within(found.importer, "tui_clf.cli"):
            if within(found.imported, "tui_clf.app") and not found.in_function:
                bad.append(f"{where} (the CLI imports the app only inside the function that opens it)")
        elif within(found.importer, "engine"):
            if top in UI_PACKAGES or top == "tui_clf":
                bad.append(f"{where} (the engine imports no UI and nothing of tui_clf)")
        elif found.importer in ("tui_clf.config", "tui_clf.signals"):
            if within(found.imported, "tui_clf.app") or within(found.imported, "tui_clf.cli"):
                bad.append(f"{where} (the shared modules sit below both faces)")
    return bad


def prints_in_views(root: Path = ROOT) -> list[str]:
    """Calls of print() in tui_clf/views: the views hand back data, the faces show it."""
    found = []
    for name, path in module_names(root, "tui_clf").items():
        if within(name, "tui_clf.views"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [
                f"{name}:{node.lineno}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
            ]
    return found


def test_the_three_packages_exist():
    for package in ("app", "app/widgets", "cli", "views"):
        assert (ROOT / "tui_clf" / package / "__init__.py").is_file(), package
    assert (ROOT / "tui_clf" / "app" / "app.tcss").is_file()


def test_imports_point_down():
    assert wrong_way(all_imports()) == []


def test_no_import_cycle_in_tui_clf():
    cycle = find_cycle(all_imports())
    assert cycle is None, " -> ".join(cycle)


def test_no_import_cycle_in_engine():
    cycle = find_cycle(all_imports(), package="engine")
    assert cycle is None, " -> ".join(cycle)


def test_views_print_nothing():
    assert prints_in_views() == []


def test_the_checks_see_a_bad_import(tmp_path):
    """The checks above are not vacuous: a views module that reaches up, and a cycle, are both caught."""
    for package in ("tui_clf/views", "tui_clf/app"):
        (tmp_path / package).mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "tui_clf" / "__init__.py").write_text("")
    (tmp_path / "tui_clf/views/ticks.py").write_text("import rich\nfrom tui_clf.app import palette\n")
    (tmp_path / "tui_clf/app/palette.py").write_text("def f():\n    from tui_clf.views.ticks import x\n")
    imports = all_imports(tmp_path)
    assert len(wrong_way(imports)) == 2
    assert find_cycle(imports) == ["tui_clf.app.palette", "tui_clf.views.ticks", "tui_clf.app.palette"]


def loaded_by(statement: str) -> set[str]:
    """The UI packages in sys.modules after running `statement` in a fresh interpreter."""
    code = f"import sys\n{statement}\nprint(' '.join(sorted(m for m in {sorted(UI_PACKAGES)!r} if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_views_loads_no_ui_package():
    views = sorted(name for name in module_names(ROOT, "tui_clf") if within(name, "tui_clf.views"))
    assert loaded_by("\n".join(f"import {name}" for name in views)) == set()


def test_importing_the_cli_loads_no_textual():
    assert loaded_by("import tui_clf.cli") & {"textual", "textual_plotext"} == set()
