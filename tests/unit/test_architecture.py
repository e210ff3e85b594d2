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
        ("aggregate", {"dash", "plotly", "flask"}),
        ("loading", {"dash", "plotly", "flask"}),
        ("datastore/versions.py", {"dash", "plotly", "flask", "pandas"}),
        ("datastore/importing.py", {"dash", "plotly", "flask"}),
        ("figures/map.py", {"dash", "flask"}),
        ("figures/charts.py", {"dash", "flask"}),
        ("figures/style.py", {"dash", "flask"}),
        ("exports/tables.py", {"dash", "flask"}),
        ("exports/images.py", {"dash", "flask", "plotly"}),
        ("exports/deck.py", {"dash", "flask", "plotly"}),
    ],
)
def test_ar001_layers(module, forbidden):
    path = PACKAGE / module
    for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
        assert not (imports_of(file) & forbidden), file


def test_ar002_only_wsgi_builds_an_app_at_import():
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("wsgi.py", "__main__.py", "app.py", "__init__.py"):
            continue
        assert "create_app(" not in path.read_text(encoding="utf-8"), path
