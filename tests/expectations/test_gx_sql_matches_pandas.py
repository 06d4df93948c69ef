"""The suites' SQL path (derived columns computed in DuckDB, metrics by GX's SQL engine) judges
a warehouse exactly as the pandas path it replaced (the table read into pandas, derived columns
added by each suite's `prepare`, metrics by GX's pandas engine): same status, same counts, same
failed and unchecked expectations with the same observed values, on good and on messy data."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

import duckdb
import gx_fixtures
import pytest

from expectations import checks, raw, thresholds
from expectations.checks import SuiteSpec
from expectations.context import ephemeral_context, read_table
from expectations.runner import (
    SUITES,
    _no_volume_reason,
    _validate,
    _volume_band,
    checkpoint_for,
    suite_outcome,
)
from expectations.sql_engine import release
from expectations.verdict import FAILED, PASSED, SuiteOutcome, judge
from journey.contract import NUMBER_PATTERN, TABLES, TIMESTAMP_PATTERN


def _through_pandas(spec: SuiteSpec, path: Path, previous_rows: int | None) -> SuiteOutcome:
    """The pandas path as it was: read the whole table, `prepare` it, validate the frame."""
    prepared = spec.prepare(read_table(path, spec.layer, spec.table))
    context = ephemeral_context()
    asset = context.data_sources.add_pandas("frames").add_dataframe_asset(spec.table)
    checkpoint = checkpoint_for(context, spec, asset.add_batch_definition_whole_dataframe("whole"))
    parameters = _volume_band(previous_rows)
    if spec.freshness_column is not None:
        latest = prepared[spec.freshness_column].max()
        window = timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])
        parameters[checks.FRESH_AFTER] = (latest - window).to_pydatetime()
    result = checkpoint.run(
        batch_parameters={"dataframe": prepared}, expectation_parameters=parameters
    )
    ((_, validation),) = result.run_results.items()
    reason = _no_volume_reason(previous_rows)
    verdict = judge(
        validation,
        rows=len(prepared),
        unavailable={checks.PREVIOUS_VOLUME: reason} if reason else {},
    )
    return suite_outcome(spec, verdict, len(prepared))


def _through_sql(spec: SuiteSpec, path: Path, previous_rows: int | None) -> SuiteOutcome:
    context = ephemeral_context()
    try:
        outcome, _ = _validate(spec, path, context, None, previous_rows, None)
    finally:
        release(context, path)
    return outcome


def _comparable(outcome: SuiteOutcome) -> dict:
    def findings(items) -> list[tuple]:
        # The unexpected-value sample is an arbitrary few of them, in each engine's own order.
        return sorted(
            (item.expectation, item.column, re.sub(r", e\.g\. .*$", "", item.observed))
            for item in items
        )

    return {
        "status": outcome.status,
        "evaluated": outcome.evaluated,
        "passed": outcome.passed,
        "rows": outcome.rows,
        "failed": findings(outcome.failed),
        "unchecked": findings(outcome.unchecked),
    }


# Landing values the contract reads in every way it can: valid shapes (one-digit hours, dates
# alone, offsets, padded numbers, upper-case vocabularies) and invalid ones (impossible dates,
# words, overflowing numbers, separators, broken emails), each on a share of the rows.
_MESSY_TIMESTAMPS = (
    (11, "infinity"),
    (13, "2021-02-30 10:00:00"),
    (17, "2020-12-30 3:15:52"),
    (19, " 2020-12-30T01:00:00+02:00 "),
    (23, "2020-12-30"),
    (29, "2024-01-01 10:00 Europe/Berlin"),
    (31, "2020-12-30T23:15:52.123456789Z"),
    (37, "2020-12-30 25:00:00"),
)
_MESSY_NUMBERS = ((7, "NaN"), (11, "1e400"), (13, " 12.50 "), (17, "1_000"), (19, "-Infinity"))


def _make_messy(path: Path) -> None:
    with duckdb.connect(str(path)) as connection:
        for table in TABLES.values():
            row = "cast(_source_row as bigint)"
            updates = []
            for column in table.timestamps:
                for every, text in _MESSY_TIMESTAMPS:
                    updates.append((column, f"{row} % {every} = 0", f"'{text}'"))
            for column in table.numbers:
                for every, text in _MESSY_NUMBERS:
                    updates.append((column, f"{row} % {every} = 0", f"'{text}'"))
            for column in table.emails:
                updates.append((column, f"{row} % 3 = 0", "'Not-An-Email'"))
                updates.append((column, f"{row} % 5 = 0", "upper({c}) || ' '"))
            for column in table.categories:
                updates.append((column, f"{row} % 4 = 0", "' ' || upper({c}) || ' '"))
                updates.append((column, f"{row} % 9 = 0", "'unknown-value'"))
            if table.key is not None:
                updates.append((table.key, f"{row} % 41 = 0", "'DUPLICATE'"))
            for _, column in table.identifiers:
                updates.append((column, f"{row} % 6 = 0", "'  '"))
            for column, where, value in updates:
                column_sql = f'"{column}"'
                value_sql = value.replace("{c}", column_sql)
                connection.execute(
                    f"update landing.{table.name} set {column_sql} = {value_sql} where {where}"
                )


def _break_marts(path: Path) -> None:
    frames = gx_fixtures.mart_frames()
    frames["fct_touchpoints"].loc[0, "stage_rank"] = 3
    frames["fct_customer_stages"].loc[1, "stage"] = "unknown"
    frames["dim_customers"]["identifier_count"] = [500, 1, None]
    frames["dim_customers"]["person_identifier_count"] = [40, 1, None]
    frames["dim_customer_identifiers"].loc[1, "identifier_value"] = "a-at-mail"
    frames["fct_attribution"].loc[0:40, "channel"] = "unattributed"
    frames["agg_row_reconciliation"].loc[0, "quarantined_rows"] = 52
    frames["agg_row_reconciliation"].loc[1, "raw_rows"] = 0
    frames["fct_web_sessions"].loc[0, "page_view_count"] = 10
    frames["agg_journey_funnel"].loc[1, "step_conversion_rate"] = 1.5
    gx_fixtures.write_warehouse(path, frames)


@pytest.fixture(scope="module")
def warehouses(loaded_landing: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("sql_vs_pandas")
    good = gx_fixtures.write_warehouse(
        Path(shutil.copy(loaded_landing, folder / "good.duckdb")), gx_fixtures.mart_frames()
    )
    messy = Path(shutil.copy(loaded_landing, folder / "messy.duckdb"))
    _make_messy(messy)
    _break_marts(messy)
    return {"good": good, "messy": messy}


@pytest.mark.parametrize("kind", ["good", "messy"])
@pytest.mark.parametrize("name", [spec.name for spec in SUITES])
def test_sql_path_judges_as_the_pandas_path(name: str, kind: str, warehouses: dict) -> None:
    spec = next(spec for spec in SUITES if spec.name == name)
    path = warehouses[kind]
    previous_rows = 40 if spec.layer == "raw" else None
    through_sql = _comparable(_through_sql(spec, path, previous_rows))
    assert through_sql == _comparable(_through_pandas(spec, path, previous_rows))
    assert through_sql["rows"] > 0
    if kind == "good":
        assert through_sql["status"] == PASSED or through_sql["failed"] == [
            ("expect_table_row_count_to_be_between", None, through_sql["failed"][0][2])
        ]


def test_messy_data_fails_in_both_paths(warehouses: dict) -> None:
    """The messy warehouse really exercises the comparison: most suites fail on it."""
    failed = [
        spec.name
        for spec in SUITES
        if _through_sql(spec, warehouses["messy"], None).status == FAILED
    ]
    assert len(failed) >= len(SUITES) // 2, failed


@pytest.mark.parametrize("pattern", [TIMESTAMP_PATTERN, NUMBER_PATTERN])
def test_sql_patterns_are_the_contract_patterns(pattern: str) -> None:
    extra = ["2020-12-30T01:00:00+0200", "2020-12-30 01:00:00 UTC", "-1.5e-3", "7."]
    samples = [text for _, text in (*_MESSY_TIMESTAMPS, *_MESSY_NUMBERS)] + extra
    with duckdb.connect() as connection:
        for text in samples:
            text = text.strip(" ")
            (found,) = connection.execute(
                f"select regexp_matches(?, {raw.sql_pattern(pattern)})", [text]
            ).fetchone()
            assert found == (re.fullmatch(pattern, text) is not None), text


def test_sql_pattern_refuses_a_question_mark_it_cannot_rewrite() -> None:
    with pytest.raises(ValueError, match="quantifier"):
        raw.sql_pattern(r"^(?:a|b)$")
