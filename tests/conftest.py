"""Shared fixtures: the small fixture data set (tests/fixtures/mini) and the shipped data set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.loading import validate_folder

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini"
SHIPPED = TESTS.parent / "data"


@pytest.fixture(scope="session")
def mini():
    """The fixture data set: 7 collaboration rows (11 instruments), counts known by hand."""
    return validate_folder(MINI)


@pytest.fixture(scope="session")
def shipped():
    """The data set the app ships with (data/)."""
    return validate_folder(SHIPPED)


@pytest.fixture
def mini_copy(tmp_path) -> Path:
    """A writable copy of the fixture folder, for breaking it."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target
