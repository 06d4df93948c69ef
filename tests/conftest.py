"""Fixtures shared by every test folder; the helpers live in dbt_harness.py."""

import importlib.util
import os
import sys
from collections.abc import Iterator

import pytest

# Re-exported as pytest fixtures.
from dbt_harness import build_warehouse, demo_landing, demo_warehouse  # noqa: F401

# A pytest-xdist worker runs as `python -c`, so its __main__ has neither __spec__ nor __file__;
# pyspark.sql.connect (which Great Expectations imports when pyspark is installed, as after
# `make test-spark`) takes that for its own doctest runner and calls sys.exit(0), which kills
# the worker during collection. Great Expectations is imported once here with the worker's main
# module named, and keeps what it found; the name is removed again at once.
if importlib.util.find_spec("pyspark") is not None:
    _main = sys.modules["__main__"]
    if getattr(_main, "__spec__", None) is None and not hasattr(_main, "__file__"):
        _main.__file__ = __file__
        try:
            import great_expectations  # noqa: F401
        finally:
            del _main.__file__


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules with a test marked `slow` (a warehouse built end to end, often several runs) are
    collected first. The workers (`--dist loadfile --no-loadscope-reorder`, scripts/test.sh)
    take whole modules in collection order, so the long ones start early and the short ones
    fill in at the end, rather than one long module running alone while the other worker
    idles (xdist's own order puts the modules with most tests first, the quick parametrised
    ones)."""
    slow_modules = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_modules)
