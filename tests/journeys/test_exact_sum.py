"""journey_exact_sum: a sum of doubles that two builds of the same data agree on."""

from __future__ import annotations

import duckdb
import pytest
from dbt_harness import run_dbt, write_landing

TERMS = [19.99, 0.1, 0.2, 0.3, 1e-3]


@pytest.fixture(scope="module")
def select(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`select journey_exact_sum(v) as exact from terms`, compiled by dbt for DuckDB."""
    work = tmp_path_factory.mktemp("exact_sum")
    raw_dir = write_landing(work / "raw", {})
    sql = "select {{ journey_exact_sum('v') }} as exact from terms"
    compiled = run_dbt(["compile", "--quiet", "--inline", sql], raw_dir, work / "w.duckdb", work)
    assert compiled.returncode == 0, compiled.stdout[-3000:]
    return compiled.stdout.strip()


def _sums(select: str, terms: list[float]) -> tuple[float, float]:
    """(exact, plain) sums of `terms` added in the order given (one thread)."""
    with duckdb.connect() as connection:
        connection.execute("set threads = 1")
        connection.execute("create table ordered (position integer, v double)")
        connection.executemany("insert into ordered values (?, ?)", list(enumerate(terms)))
        connection.execute("create view terms as select v from ordered order by position")
        exact, plain = connection.execute(
            select.replace("from terms", ", sum(v) from terms")
        ).fetchone()
        return exact, plain


def test_the_sum_does_not_depend_on_the_order_of_the_rows(select: str) -> None:
    forwards = _sums(select, TERMS)
    backwards = _sums(select, TERMS[::-1])
    # A plain sum of these doubles depends on the order of addition; the exact one does not,
    # and it is the sum of the terms as written (each has at most nine decimals).
    assert forwards[1] != backwards[1]
    assert forwards[0] == backwards[0] == 20.591


def test_amounts_beyond_decimal_range_are_added_as_doubles(select: str) -> None:
    """A finite amount the contract allows but decimal(38, 9) cannot hold (1e35) stops no
    build: it is added as a double, the small terms beside it still exactly."""
    huge = [1e35, *TERMS, -1e35, 1e300]
    exact, plain = _sums(select, huge)
    assert exact == plain == 1e300
    # The large terms cancel; the small ones keep their exact sum.
    assert _sums(select, [1e35, -1e35, *TERMS])[0] == 20.591
    with duckdb.connect() as connection:
        connection.execute("create table terms as select null::double as v")
        assert connection.execute(select).fetchone() == (None,)
