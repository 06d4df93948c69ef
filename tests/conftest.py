"""Fixtures shared by every test folder; the helpers live in dbt_harness.py."""

import os
from collections.abc import Iterator

import pytest

# Re-exported as pytest fixtures.
from dbt_harness import build_warehouse, demo_landing, demo_warehouse  # noqa: F401


@pytest.fixture(autouse=True)
def _environment_is_restored() -> Iterator[None]:
    """The `journey` CLI exports its settings (JOURNEY_TARGET, paths) to the process environment
    for the dbt and Dagster processes it starts; a test that calls it in-process must not leave
    them behind for the next test on the same worker (a stray JOURNEY_TARGET=postgres sends every
    later dbt call of that worker to Postgres)."""
    before = dict(os.environ)
    yield
    if dict(os.environ) != before:
        os.environ.clear()
        os.environ.update(before)
