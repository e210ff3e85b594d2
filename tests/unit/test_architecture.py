"""Dependencies point one way: our modules in layers, each importing only from the layers below it; figure builders
never import Dash, aggregation never imports plotly; no import hides inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "dashboard"

#: Our modules and packages by layer, lowest first. A module imports only from lower layers, or from inside its own
#: package: so the layers read bottom-up like the architecture, and no cycle can form between them. Units of one
#: layer know nothing of each other (counting and drawing, for instance, meet only in ``views``).
LAYERS = (
    ("schema", "config", "ids", "countries", "caching"),  # foundations: import nothing of the package
    ("i18n", "state", "look"),  # words in each language; the view state and its URL; the shared colours
    ("loading",),  # the data set read and checked
    ("datastore", "aggregate"),  # the data served and its versions; the counts
    ("views", "profiles"),  # everything one view shows, and a country's profile, as numbers and codes (no words)
    ("describe", "map_labels"),  # the words of a view in one language; where the map's count labels stand
    ("figures",),  # the drawings, words put in
    ("exports",),  # the downloads of a view
    ("page", "web"),  # the Dash page; the web side around it (security, sign-in, the import page)
    ("app",),  # the factory that puts them together
    ("wsgi", "__main__", "__init__"),  # the entry points
)
LAYER = {unit: n for n, units in enumerate(LAYERS) for unit in units}


def _module_name(path: Path) -> str:
    """``dashboard.aggregate.counts`` for dashboard/aggregate/counts.py, ``dashboard.page`` for its __init__.py."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    """The module or package of ``dashboard`` that ``module`` belongs to (``__init__`` for the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports_in(source: str, module: str, package: str) -> set[str]:
    """The modules of ``dashboard`` that the code ``source`` of ``module`` (in ``package``) imports, anywhere in it;
    ``from .. import x`` resolved to ``dashboard.x``, ``from ..loading import Dataset`` to ``dashboard.loading``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "dashboard"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            elif (node.module or "").split(".")[0] == "dashboard":
                base = node.module
            else:
                continue
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names}
    return found


def _internal_imports(module: str) -> set[str]:
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return _imports_in(path.read_text(encoding="utf-8"), module, package)


def _upward(module: str, imports: set[str]) -> list[str]:
    """The imports of ``module`` that go to another unit of its own layer or above."""
    unit = _unit(module)
    return sorted(t for t in imports if _unit(t) != unit and LAYER[_unit(t)] >= LAYER[unit])


def _third_party(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "unit, forbidden",
    [
        ("schema.py", {"dash", "plotly", "flask", "pandas"}),
        ("state.py", {"dash", "plotly", "flask", "pandas"}),
        ("aggregate", {"dash", "plotly", "flask"}),
        ("loading", {"dash", "plotly", "flask"}),
        ("datastore/versions.py", {"dash", "plotly", "flask", "pandas"}),
        ("caching.py", {"dash", "plotly", "flask", "pandas"}),
        ("datastore/importing.py", {"dash", "plotly", "flask"}),
        ("datastore/compare.py", {"dash", "plotly", "flask"}),
        ("figures/map.py", {"dash", "flask"}),
        ("page/charts.py", {"plotly", "flask"}),  # the charts are HTML: no plotly
        ("figures/style.py", {"dash", "flask"}),
        ("exports/tables.py", {"dash", "flask"}),
        ("exports/images/compose.py", {"dash", "flask", "plotly"}),
        ("exports/deck.py", {"dash", "flask", "plotly"}),
    ],
)
def test_arch001_third_party_packages_per_module(unit, forbidden):
    path = PACKAGE / unit
    for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
        assert not (_third_party(file) & forbidden), file


def test_arch002_only_wsgi_builds_an_app_at_import():
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("wsgi.py", "__main__.py", "app.py", "__init__.py"):
            continue
        assert "create_app(" not in path.read_text(encoding="utf-8"), path


def test_arch003_every_module_has_one_layer():
    declared = [unit for units in LAYERS for unit in units]
    assert len(declared) == len(set(declared)), "a unit is in two layers"
    assert {_unit(module) for module in MODULES} == set(declared)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_arch004_imports_point_down_the_layers(module):
    upward = _upward(module, _internal_imports(module))
    assert not upward, f"{module} (layer {LAYER[_unit(module)]}) imports from its own layer or above: {upward}"


def test_arch005_the_layer_check_sees_every_kind_of_import():
    source = (
        "from .. import schema, views\n"  # a module of the package, by name
        "from ..aggregate import select\n"  # a name of a package
        "from ..describe import view_caption\n"  # a unit of the same layer
        "from . import rules\n"  # a module of its own package
        "import dashboard.page.table\n"  # an absolute import
        "def f():\n    from ..exports import links\n"  # hidden in a function (refused by arch006 too)
    )
    imports = _imports_in(source, "dashboard.loading.folder", "dashboard.loading")
    assert _upward("dashboard.loading.folder", imports) == [
        "dashboard.aggregate",
        "dashboard.describe",
        "dashboard.exports.links",
        "dashboard.page.table",
        "dashboard.views",
    ]


def test_arch006_no_import_inside_a_function():
    """Every import is at the top of its module, where the layers above can see it: an import inside a function
    would hide a cycle. ``python -m dashboard`` needs no lazy import either: running it imports the package,
    whose ``__init__`` imports the app."""
    hidden = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                hidden += [
                    f"{module}:{inner.lineno}"
                    for inner in ast.walk(node)
                    if isinstance(inner, (ast.Import, ast.ImportFrom))
                ]
    assert not hidden, f"imports inside functions: {', '.join(sorted(hidden))}"


def test_arch007_no_import_cycle_inside_a_package():
    """Between layers no cycle can form (arch004); inside a package, the modules' own imports form none either."""
    graph = {module: _internal_imports(module) & set(MODULES) for module in MODULES}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, "import cycle: " + " -> ".join(path[path.index(module) :] + (module,))
        if module in done:
            return
        for target in graph[module]:
            visit(target, path + (module,))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_arch008_the_product_never_imports_the_test_and_bench_tooling():
    tooling = {"testkit", "bench", "tests", "pytest", "playwright"}
    for path in PACKAGE.rglob("*.py"):
        assert not (_third_party(path) & tooling), path


def imported_names(path: Path) -> set[str]:
    """Every module a file imports, as written: ``from . import i18n`` is ``.i18n``, ``import plotly.io`` is
    ``plotly.io``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names |= {base} | {base + ("." if node.module else "") + a.name for a in node.names}
    return names


IMAGES = sorted(p.name for p in (PACKAGE / "exports" / "images").glob("*.py"))


@pytest.mark.parametrize(
    "module, forbidden",
    [
        # the view model is numbers and codes: the words are put in by the figures, the page and the exports
        ("views.py", {".i18n", ".describe", ".figures", ".page", ".exports", "dash", "plotly", "matplotlib"}),
        # the look shared by figures and images sits below both
        ("look.py", {".i18n", ".views", ".figures", ".exports", "dash", "plotly", "matplotlib", "pandas"}),
        # the images are drawn from the view model, never from a plotly figure
        *[(f"exports/images/{name}", {"...figures", "plotly", "dash", "flask"}) for name in IMAGES],
    ],
)
def test_arch009_the_view_model_has_no_words_and_images_no_plotly(module, forbidden):
    imported = imported_names(PACKAGE / module)
    assert not {name for name in imported for f in forbidden if name == f or name.startswith(f + ".")}, module
