"""GX validating DuckDB tables through its SQL engine (expectations.sql_engine): the same numbers
as through pandas, failures that fail, empty tables that count nothing, and memory that does not
grow with the table."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import great_expectations as gx
import great_expectations.expectations as gxe
import gx_fixtures
import pandas as pd
import pytest
from great_expectations.core.batch_definition import BatchDefinition

from expectations.context import ephemeral_context, open_file_context
from expectations.sql_engine import release, sql_datasource, table_batch

SCHEMA = "marts"
PARTIAL = 3
RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": PARTIAL}
CHANNELS = ["email", "web", "phone"]
# What each planted violation of the bad table adds, by expectation (see _create_tables).
PLANTED = {
    "expect_column_values_to_not_be_null": 2,
    "expect_column_values_to_be_unique": 2,
    "expect_column_values_to_match_regex": 3,
    "expect_column_values_to_be_in_set": 1,
    "expect_column_pair_values_a_to_be_greater_than_b": 2,
}
GOOD_ROWS = 500


def _suite_expectations() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="email"),
        gxe.ExpectColumnValuesToBeUnique(column="person_id"),
        # Unanchored on purpose: a search, as pandas' str.contains, not a full match.
        gxe.ExpectColumnValuesToMatchRegex(column="email", regex=r"[a-z0-9]+@example\.(?:com|org)"),
        gxe.ExpectTableRowCountToBeBetween(min_value=1, max_value=GOOD_ROWS),
        gxe.ExpectColumnValuesToBeInSet(column="channel", value_set=CHANNELS),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="last_seen", column_B="first_seen"),
    ]


def _create_tables(path: Path) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute(f"create schema {SCHEMA}")
        connection.execute(
            f"""
            create table {SCHEMA}.people as
            select
                i as person_id,
                'person' || i || '@example.' || (case when i % 2 = 0 then 'com' else 'org' end)
                    as email,
                (['email', 'web', 'phone'])[1 + i % 3] as channel,
                i * 10 as first_seen,
                i * 10 + 1 + i % 7 as last_seen
            from range({GOOD_ROWS}) as numbers (i)
            """
        )
        connection.execute(f"create table {SCHEMA}.people_bad as select * from {SCHEMA}.people")
        planted = [
            # Two missing emails (the regex skips missing values).
            "update {t} set email = null where person_id in (3, 4)",
            # One id twice: two rows are not unique.
            "update {t} set person_id = 10 where person_id = 11",
            # Three emails that do not match.
            "update {t} set email = 'NOBODY' where person_id in (20, 21)",
            "update {t} set email = 'x@example.net' where person_id = 22",
            "update {t} set channel = 'fax' where person_id = 30",
            # last_seen equal to first_seen, and before it.
            "update {t} set last_seen = first_seen where person_id = 40",
            "update {t} set last_seen = first_seen - 5 where person_id = 41",
            # One row too many for the row-count range.
            "insert into {t} values (1000, 'late@example.com', 'web', 1, 2)",
        ]
        for statement in planted:
            connection.execute(statement.format(t=f"{SCHEMA}.people_bad"))
        connection.execute(f"create table {SCHEMA}.people_empty as select * from {SCHEMA}.people")
        connection.execute(f"delete from {SCHEMA}.people_empty")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gx_sql") / "warehouse.duckdb"
    _create_tables(path)
    return path


def _run(
    context: Any, batch: BatchDefinition, parameters: dict | None = None
) -> dict[str, dict[str, Any]]:
    suite = context.suites.add(gx.ExpectationSuite(name=f"suite_{len(context.suites.all())}"))
    for expectation in _suite_expectations():
        suite.add_expectation(expectation)
    result = batch.get_batch(batch_parameters=parameters).validate(
        suite, result_format=RESULT_FORMAT
    )
    outcome: dict[str, dict[str, Any]] = {}
    for item in result.results:
        # GX keys exception_info by metric when a metric raised.
        infos = [item.exception_info, *item.exception_info.values()]
        raised = [info for info in infos if isinstance(info, dict) and info.get("raised_exception")]
        assert not raised, f"{item.expectation_config.type}: {raised}"
        outcome[item.expectation_config.type] = {"success": item.success, **item.result}
    return outcome


def _through_sql(path: Path, table: str) -> dict[str, dict[str, Any]]:
    context = ephemeral_context()
    try:
        return _run(context, table_batch(context, path, SCHEMA, table))
    finally:
        release(context, path)


def _through_pandas(path: Path, table: str) -> dict[str, dict[str, Any]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        frame = connection.execute(f"select * from {SCHEMA}.{table}").df()
    frame = frame.astype({"email": object, "channel": object})
    frame = frame.where(pd.notna(frame), None)
    context = ephemeral_context()
    asset = context.data_sources.add_pandas("frames").add_dataframe_asset(table)
    batch = asset.add_batch_definition_whole_dataframe("whole")
    return _run(context, batch, {"dataframe": frame})


def _plain(value: Any) -> Any:
    # pandas hands numpy scalars back where DuckDB hands Python ones.
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    return value.item() if hasattr(value, "item") else value


def _comparable(result: dict[str, Any]) -> dict[str, Any]:
    keys = ("success", "element_count", "unexpected_count", "missing_count", "observed_value")
    found = {key: result.get(key) for key in keys}
    # Engines return the sample in their own order; compare it as a multiset.
    found["partial"] = Counter(_plain(value) for value in result.get("partial_unexpected_list", []))
    return found


@pytest.mark.parametrize("table", ["people", "people_bad"])
def test_sql_engine_matches_pandas(warehouse: Path, table: str) -> None:
    through_sql = _through_sql(warehouse, table)
    through_pandas = _through_pandas(warehouse, table)
    assert set(through_sql) == {
        expectation.expectation_type for expectation in _suite_expectations()
    }
    for name, result in through_sql.items():
        assert _comparable(result) == _comparable(through_pandas[name]), name


def test_good_table_passes_on_every_row(warehouse: Path) -> None:
    results = _through_sql(warehouse, "people")
    assert all(result["success"] for result in results.values())
    assert results["expect_table_row_count_to_be_between"]["observed_value"] == GOOD_ROWS
    for name in PLANTED:
        assert results[name]["element_count"] == GOOD_ROWS, name
        assert results[name]["unexpected_count"] == 0, name


def test_planted_violations_fail_with_their_counts(warehouse: Path) -> None:
    results = _through_sql(warehouse, "people_bad")
    assert not any(result["success"] for result in results.values())
    assert results["expect_table_row_count_to_be_between"]["observed_value"] == GOOD_ROWS + 1
    for name, planted in PLANTED.items():
        assert results[name]["element_count"] == GOOD_ROWS + 1, name
        assert results[name]["unexpected_count"] == planted, name
        assert 0 < len(results[name]["partial_unexpected_list"]) <= PARTIAL, name
    assert sorted(results["expect_column_values_to_match_regex"]["partial_unexpected_list"]) == [
        "NOBODY",
        "NOBODY",
        "x@example.net",
    ]


def test_empty_table_counts_nothing(warehouse: Path) -> None:
    results = _through_sql(warehouse, "people_empty")
    assert results["expect_table_row_count_to_be_between"]["observed_value"] == 0
    assert not results["expect_table_row_count_to_be_between"]["success"]
    for name in PLANTED:
        assert results[name]["element_count"] == 0, name
        # GX's SQL engine sums the unexpected rows; a sum over no rows is NULL, pandas says 0.
        assert results[name]["unexpected_count"] in (0, None), name
        assert results[name]["partial_unexpected_list"] == [], name


def test_missing_file_is_an_error_not_an_empty_database(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.duckdb"
    with pytest.raises(FileNotFoundError, match=r"nowhere\.duckdb"):
        sql_datasource(ephemeral_context(), "nowhere", missing)
    assert not missing.exists()


def _writer_can_open(path: Path) -> bool:
    code = f"import duckdb; duckdb.connect({str(path)!r}).close()"
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_release_lets_a_build_open_the_file(warehouse: Path) -> None:
    """DuckDB lets one read-write process or many read-only ones hold a file: a build cannot
    write while a validation holds its read-only connection, and can once it is released."""
    context = ephemeral_context()
    _run(context, table_batch(context, warehouse, SCHEMA, "people"))
    assert not _writer_can_open(warehouse)
    release(context, warehouse)
    assert _writer_can_open(warehouse)


_MEMORY_PROBE = textwrap.dedent(
    """
    import json, sys, tracemalloc
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from expectations.context import ephemeral_context, open_file_context
    from expectations.sql_engine import release, table_batch

    path = sys.argv[1]
    context = ephemeral_context()
    batch = table_batch(context, path, "marts", "big")
    suite = context.suites.add(gx.ExpectationSuite(name="big"))
    for expectation in [
        gxe.ExpectColumnValuesToNotBeNull(column="email"),
        gxe.ExpectColumnValuesToBeUnique(column="person_id"),
        gxe.ExpectColumnValuesToMatchRegex(column="email", regex="^p[0-9]+@example[.]com$"),
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        gxe.ExpectColumnValuesToBeInSet(column="channel", value_set=["email", "web", "phone"]),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="last_seen", column_B="first_seen"),
    ]:
        suite.add_expectation(expectation)
    tracemalloc.start()
    # The RSS now (not the peak so far, which GX's imports may have set) against the peak after.
    with open("/proc/self/status") as status:
        before = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    result = batch.get_batch().validate(
        suite, result_format={"result_format": "SUMMARY", "partial_unexpected_count": 3}
    )
    # This process's own high-water mark: ru_maxrss would also count the (large) pytest
    # process this probe was forked from.
    with open("/proc/self/status") as status:
        after = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    python_peak = tracemalloc.get_traced_memory()[1]
    release(context, path)
    print(json.dumps({
        "before_kb": before,
        "after_kb": after,
        "python_peak_bytes": python_peak,
        "results": {
            item.expectation_config.type: {
                "success": item.success,
                "element_count": item.result.get("element_count"),
                "unexpected_count": item.result.get("unexpected_count"),
                "partial": len(item.result.get("partial_unexpected_list", [])),
                "observed": item.result.get("observed_value"),
            }
            for item in result.results
        },
    }))
    """
)
BIG_ROWS = 3_000_000


def test_memory_stays_small_on_three_million_rows(tmp_path: Path) -> None:
    path = tmp_path / "big.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        # Every 1000th email breaks the pattern: 3000 unexpected values, 3 of them sampled.
        connection.execute(
            f"""
            create table marts.big as
            select
                i as person_id,
                case when i % 1000 = 0 then 'broken' else 'p' || i || '@example.com' end as email,
                (['email', 'web', 'phone'])[1 + i % 3] as channel,
                i as first_seen,
                i + 1 as last_seen
            from range({BIG_ROWS}) as numbers (i)
            """
        )
    report = gx_fixtures.run_probe(
        _MEMORY_PROBE, [str(path)], tmp_path / "memory_probe.py", timeout=120
    )
    results = report["results"]
    regex = results["expect_column_values_to_match_regex"]
    assert regex["element_count"] == BIG_ROWS
    assert regex["unexpected_count"] == BIG_ROWS // 1000
    assert regex["partial"] == PARTIAL
    assert not regex["success"]
    assert results["expect_table_row_count_to_be_between"]["observed"] == BIG_ROWS
    assert results["expect_column_values_to_be_unique"]["unexpected_count"] == 0
    growth_mb = (report["after_kb"] - report["before_kb"]) / 1024
    python_mb = report["python_peak_bytes"] / 2**20
    print(f"peak RSS {report['after_kb'] / 1024:.0f} MB, growth {growth_mb:.0f} MB, ", end="")
    print(f"Python heap peak {python_mb:.1f} MB")
    # No row reaches Python; what RSS grows by is DuckDB's own working memory, held under
    # sql_engine.MEMORY_LIMIT (a pandas read of this table takes gigabytes).
    assert python_mb < 20
    assert growth_mb < 300


def test_a_failing_query_leaves_the_other_metrics_intact(warehouse: Path) -> None:
    """DuckDB aborts the open transaction on an error; the engine rolls it back, or every later
    metric on its one connection would fail too."""
    context = ephemeral_context()
    suite = context.suites.add(gx.ExpectationSuite(name="broken_regex"))
    suite.add_expectation(gxe.ExpectColumnValuesToMatchRegex(column="email", regex="(unclosed"))
    suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column="email"))
    suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column="channel", value_set=CHANNELS))
    batch = table_batch(context, warehouse, SCHEMA, "people_bad")
    try:
        result = batch.get_batch().validate(suite, result_format=RESULT_FORMAT)
    finally:
        release(context, warehouse)
    found = {item.expectation_config.type: item for item in result.results}
    regex = found["expect_column_values_to_match_regex"]
    assert not regex.success
    assert "unclosed" in str(regex.exception_info)
    assert found["expect_column_values_to_not_be_null"].result["unexpected_count"] == 2
    assert found["expect_column_values_to_be_in_set"].result["unexpected_count"] == 1


def test_a_file_backed_context_reopens_the_datasource(warehouse: Path, tmp_path: Path) -> None:
    """The datasource type is stored as "duckdb" in great_expectations.yml; importing
    expectations.sql_engine registers it, so a reopened context finds the same asset."""
    first = open_file_context(tmp_path)
    table_batch(first, warehouse, SCHEMA, "people_bad")
    release(first, warehouse)
    again = open_file_context(tmp_path)
    try:
        results = _run(again, table_batch(again, warehouse, SCHEMA, "people_bad"))
    finally:
        release(again, warehouse)
    assert len(again.data_sources.all()) == 1
    assert results["expect_column_values_to_be_in_set"]["unexpected_count"] == 1
