"""Dependencies point one way: figure builders never import Dash, aggregation never imports plotly."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "dashboard"


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
    return names


@pytest.mark.parametrize(
    "module, forbidden",
    [
        ("schema.py", {"dash", "plotly", "flask", "pandas"}),
        ("state.py", {"dash", "plotly", "flask", "pandas"}),
        ("aggregate.py", {"dash", "plotly", "flask"}),
        ("loading.py", {"dash", "plotly", "flask"}),
        ("datastore/versions.py", {"dash", "plotly", "flask", "pandas"}),
        ("datastore/importing.py", {"dash", "plotly", "flask"}),
        ("figures/map.py", {"dash", "flask"}),
        ("figures/charts.py", {"dash", "flask"}),
        ("figures/style.py", {"dash", "flask"}),
        ("exports/tables.py", {"dash", "flask"}),
        ("exports/images/compose.py", {"dash", "flask", "plotly"}),
        ("exports/deck.py", {"dash", "flask", "plotly"}),
    ],
)
def test_ar001_layers(module, forbidden):
    assert not (imports_of(PACKAGE / module) & forbidden)


def test_ar002_only_wsgi_builds_an_app_at_import():
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("wsgi.py", "__main__.py", "app.py", "__init__.py"):
            continue
        assert "create_app(" not in path.read_text(encoding="utf-8"), path


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
def test_arch001_the_view_model_has_no_words_and_images_no_plotly(module, forbidden):
    imported = imported_names(PACKAGE / module)
    assert not {name for name in imported for f in forbidden if name == f or name.startswith(f + ".")}, module
