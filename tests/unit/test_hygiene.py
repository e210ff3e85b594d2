"""The suite itself: every test has a unique id whose prefix names its group, ``pytest -k PREFIX`` runs that group
and only it, and every test that drives a browser is marked ``browser`` (``pytest -m "not browser"`` skips them).

Test names are ``test_<prefix><3 digits>_<what it checks>``; one prefix per test file (see README, Tests).
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
ID = re.compile(r"^test_([a-z0-9]+?)(\d{3})_[a-z0-9_]+$")
#: What ``pytest -k`` also matches besides a test's own name: folders, marks, fixtures' usual marks.
KEYWORDS = ("tests", "unit", "browser", "server", "parametrize", "usefixtures", "xfail", "skip", "skipif")
#: Fixtures that start a real browser.
BROWSER_FIXTURES = {"page", "browser", "dashboard", "checked_page"}


def _tests() -> list[tuple[Path, ast.FunctionDef, ast.Module]]:
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        module = ast.parse(path.read_text(encoding="utf-8"))
        found += [(path, node, module) for node in module.body if isinstance(node, ast.FunctionDef)]
    return [(p, n, m) for p, n, m in found if n.name.startswith("test_")]


TESTS_FOUND = _tests()


def test_hyg001_every_test_has_a_unique_id_and_one_prefix_per_file():
    ids, prefixes = defaultdict(list), defaultdict(set)
    for path, node, _ in TESTS_FOUND:
        match = ID.match(node.name)
        assert match, f"{path.name}::{node.name} is not test_<prefix><3 digits>_<what it checks>"
        ids[match.group(1) + match.group(2)].append(f"{path.name}::{node.name}")
        prefixes[path].add(match.group(1))
    assert not {i: names for i, names in ids.items() if len(names) > 1}
    assert all(len(p) == 1 for p in prefixes.values()), {f.name: p for f, p in prefixes.items() if len(p) > 1}
    owners = defaultdict(set)
    for path, (prefix,) in prefixes.items():
        owners[prefix].add(path.name)
    assert all(len(files) == 1 for files in owners.values()), owners


def test_hyg002_pytest_k_prefix_selects_its_group_only():
    """``-k`` matches a substring of a test's name, its file's name or a keyword: a prefix must be in none of the
    other groups' (their own ids left out)."""
    by_file = {path: ID.match(node.name).group(1) for path, node, _ in TESTS_FOUND if ID.match(node.name)}
    clashes = []
    for path, node, _ in TESTS_FOUND:
        words = [re.sub(r"^test_[a-z0-9]+?\d{3}_", "test__", node.name), path.name, *KEYWORDS]
        for other, prefix in set(by_file.items()):
            if other != path and any(prefix in word for word in words):
                clashes.append(f"-k {prefix} ({other.name}) also runs {path.name}::{node.name}")
    assert not clashes, "\n".join(sorted(set(clashes)))


def _marked_browser(node: ast.FunctionDef, module: ast.Module) -> bool:
    marks = [ast.unparse(d) for d in node.decorator_list]
    module_marks = [
        ast.unparse(stmt.value)
        for stmt in module.body
        if isinstance(stmt, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in stmt.targets)
    ]
    return any("mark.browser" in text for text in marks + module_marks)


def _drives_a_browser(path: Path, node: ast.FunctionDef) -> bool:
    """In tests/browser/, or given a browser fixture, or in a module that runs chromium in a process of its own."""
    arguments = {a.arg for a in node.args.args}
    return (
        path.parent.name == "browser"
        or bool(arguments & BROWSER_FIXTURES)
        or (path != Path(__file__) and "browser_probe" in path.read_text(encoding="utf-8"))
    )


@pytest.mark.parametrize("path, node, module", TESTS_FOUND, ids=[f"{p.name}::{n.name}" for p, n, _ in TESTS_FOUND])
def test_hyg003_every_browser_test_is_marked(path, node, module):
    drives_a_browser = _drives_a_browser(path, node)
    assert _marked_browser(node, module) == drives_a_browser, f"{path.name}::{node.name}"
