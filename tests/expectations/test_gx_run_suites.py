"""run_suites: reads the warehouse (landing tables as loaded, and marts), keeps every result,
remembers volumes for the next run, renders Data Docs, and judges freshness against the landing
folder's own clock."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from dbt_harness import Warehouse

from expectations import raw
from expectations.context import gx_root, open_file_context, read_table
from expectations.runner import (
    AS_OF_VARIABLE,
    SUITES,
    VOLUMES_FILE,
    data_docs_index,
    run_suites,
    suite,
    validate_frame,
)
from expectations.verdict import (
    NOTHING_TO_CHECK,
    PASSED,
    FailedExpectation,
    SuiteOutcome,
    summarise,
)
from journey.contract import REQUIRED_LANDING_TABLES, TABLES
from journey.settings import Settings


@pytest.fixture
def settings(good_landing: Path, good_warehouse: Path, tmp_path: Path) -> Settings:
    return Settings(
        raw_dir=good_landing, duckdb_path=good_warehouse, reports_dir=tmp_path / "reports"
    )


def _by_suite(outcomes: list[SuiteOutcome]) -> dict[str, SuiteOutcome]:
    return {outcome.suite: outcome for outcome in outcomes}


def _replace_landing(path: Path, table: str, frame: pd.DataFrame) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.register("frame", frame)
        connection.execute(f"create or replace table landing.{table} as select * from frame")


def test_all_suites_pass_on_good_data_and_render_docs(settings: Settings) -> None:
    outcomes = run_suites(settings)

    assert [o.suite for o in outcomes] == [spec.name for spec in SUITES]
    assert all(o.status == PASSED for o in outcomes), "\n".join(o.message() for o in outcomes)
    # The first run has no volume to compare with: one "nothing to check" per raw profile
    # (optional tables such as erasure_requests have no raw suites).
    checked = REQUIRED_LANDING_TABLES
    unchecked = [(o.suite, u.expectation) for o in outcomes for u in o.unchecked]
    assert unchecked == [
        (f"raw_{table}_profile", "expect_table_row_count_to_be_between") for table in checked
    ]
    evaluated = sum(o.evaluated for o in outcomes)
    assert summarise(outcomes) == (
        f"{len(SUITES)} suites, {evaluated} expectations: {evaluated - len(checked)} passed, "
        f"0 failed, {len(checked)} nothing to check"
    )
    index = data_docs_index(settings)
    assert index == settings.reports_dir / "quality" / "index.html"
    assert index.is_file()
    assert "nothing to check" in index.read_text(encoding="utf-8")
    for outcome in outcomes:
        assert outcome.docs_index == index
        assert outcome.docs_page is not None and outcome.docs_page.is_file()
        assert settings.reports_dir / "quality" in outcome.docs_page.parents


def test_raw_volume_is_compared_with_the_previous_run(settings: Settings) -> None:
    run_suites(settings, layer="raw")
    volumes = json.loads((gx_root(settings.reports_dir) / VOLUMES_FILE).read_text())
    contacts = read_table(settings.duckdb_path, "raw", "crm_contacts")
    assert volumes["crm_contacts"] == len(contacts)

    same = _by_suite(run_suites(settings, layer="raw"))
    assert all(not o.unchecked and o.status == PASSED for o in same.values())

    _replace_landing(settings.duckdb_path, "crm_contacts", contacts.iloc[: len(contacts) // 3])
    shrunk = _by_suite(run_suites(settings, layer="raw"))
    profile = shrunk["raw_crm_contacts_profile"]
    volume = [f for f in profile.failed if f.expectation == "expect_table_row_count_to_be_between"]
    assert volume and volume[0].observed.startswith(f"{len(contacts) // 3:,} rows (expected")
    assert shrunk["raw_crm_contacts"].success  # volume is a warning, not the contract


def test_results_accumulate_as_history(settings: Settings) -> None:
    run_suites(settings, layer="mart", run_name="monday")
    run_suites(settings, layer="mart", run_name="tuesday")

    context = open_file_context(settings.reports_dir)
    keys = context.validation_results_store.list_keys()
    mart_suites = [spec.name for spec in SUITES if spec.layer == "mart"]
    for name in mart_suites:
        runs = {k.run_id.run_name for k in keys if k.expectation_suite_identifier.name == name}
        assert runs == {"monday", "tuesday"}
    page = data_docs_index(settings).read_text(encoding="utf-8")
    assert "monday" in page and "tuesday" in page


def test_nothing_to_check_is_what_gets_stored(tmp_path: Path, raw_frame) -> None:
    # GX passes a regex over a column of nulls; the run says it had nothing to check, and so
    # must the history Data Docs render.
    context = open_file_context(tmp_path / "reports")
    deals = raw_frame("crm_deals").assign(closed_at=None)
    outcome = validate_frame(suite("raw_crm_deals"), deals, context)
    assert outcome.success and outcome.status == PASSED

    (key,) = context.validation_results_store.list_keys()
    stored = context.validation_results_store.get(key)
    assert stored.success is True
    flagged = [r for r in stored.results if (r.meta or {}).get("journey_status")]
    assert [r.expectation_config.kwargs["column"] for r in flagged] == ["closed_at__as_timestamp"]
    assert flagged[0].meta["journey_status"] == NOTHING_TO_CHECK
    assert (
        "all" in flagged[0].meta["journey_verdict"]
        and "empty" in flagged[0].meta["journey_verdict"]
    )
    assert stored.statistics["nothing_to_check_expectations"] == 1


def test_header_only_tables_run_and_say_so(settings: Settings) -> None:
    for table in ("web_events", "web_identifies"):
        empty = read_table(settings.duckdb_path, "raw", table).iloc[0:0]
        _replace_landing(settings.duckdb_path, table, empty)

    outcomes = _by_suite(run_suites(settings, layer="raw"))

    for table in ("web_events", "web_identifies"):
        for name in (f"raw_{table}", f"raw_{table}_profile"):
            assert outcomes[name].success
            assert outcomes[name].status == NOTHING_TO_CHECK
    page = data_docs_index(settings).read_text(encoding="utf-8")
    assert "journey-status-nothing_to_check" in page


def test_layer_and_names_select_suites(settings: Settings) -> None:
    raw_outcomes = run_suites(settings, layer="raw")
    assert {o.layer for o in raw_outcomes} == {"raw"}
    assert len(raw_outcomes) == sum(spec.layer == "raw" for spec in SUITES)

    chosen = run_suites(settings, names=["mart_dim_customers", "raw_survey_nps"])
    assert [o.suite for o in chosen] == ["mart_dim_customers", "raw_survey_nps"]

    with pytest.raises(KeyError, match="no_such_suite"):
        run_suites(settings, names=["no_such_suite"])


def test_unreadable_table_fails_its_suites_and_the_run_goes_on(settings: Settings) -> None:
    with duckdb.connect(str(settings.duckdb_path)) as connection:
        connection.execute("drop table landing.survey_nps")

    outcomes = _by_suite(run_suites(settings, layer="raw"))

    for name in ("raw_survey_nps", "raw_survey_nps_profile"):
        assert not outcomes[name].success
        assert any(
            f.expectation == "table_is_readable" and "survey_nps" in f.observed
            for f in outcomes[name].failed
        )
    assert all(o.success for name, o in outcomes.items() if "survey_nps" not in name)


def test_missing_warehouse_fails_mart_suites(settings: Settings, tmp_path: Path) -> None:
    missing = Settings(settings.raw_dir, tmp_path / "nowhere.duckdb", settings.reports_dir)
    (outcome,) = run_suites(missing, names=["mart_dim_customers"])
    assert not outcome.success
    assert outcome.failed[-1].expectation == "table_is_readable"


def test_a_feed_that_stopped_is_stale_against_the_others(settings: Settings) -> None:
    # web_events stopped a year ago while every other feed went on.
    events = read_table(settings.duckdb_path, "raw", "web_events")
    readings = raw.with_readings(events, TABLES["web_events"])
    for column in ("event_at", "received_at"):
        shifted = readings[raw.utc(column)] - timedelta(days=365)
        events[column] = shifted.dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    _replace_landing(settings.duckdb_path, "web_events", events)

    outcomes = _by_suite(run_suites(settings, layer="raw"))

    stale = outcomes["raw_web_events_profile"]
    assert [(f.expectation, f.column) for f in stale.failed] == [
        ("expect_column_max_to_be_between", "received_at__utc")
    ]
    assert outcomes["raw_web_events"].success  # freshness is descriptive, not the contract
    assert all(o.success for name, o in outcomes.items() if "web_events" not in name)


def test_as_of_date_overrides_the_landing_clock(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AS_OF_VARIABLE, "2031-01-01T00:00:00Z")
    late = _by_suite(run_suites(settings, layer="raw"))
    assert not any(o.success for name, o in late.items() if name.endswith("_profile"))

    # The demo data ends with 2025: a day later every feed is within its window.
    monkeypatch.setenv(AS_OF_VARIABLE, "2026-01-01")
    on_time = run_suites(settings, layer="raw")
    assert all(o.success for o in on_time)


def test_mart_suites_pass_on_a_real_build(demo_warehouse: Warehouse, tmp_path: Path) -> None:
    """The thresholds hold on the marts dbt builds from generated data, not only on the
    hand-made fixtures."""
    warehouse = demo_warehouse.copy(tmp_path / "warehouse")
    settings = Settings(warehouse.raw_dir, warehouse.duckdb_path, tmp_path / "reports")
    outcomes = run_suites(settings, layer="mart")
    assert all(o.status == PASSED for o in outcomes), "\n".join(o.message() for o in outcomes)


def test_summarise_counts_what_had_nothing_to_check() -> None:
    def outcome(
        suite: str, table: str, severity: str, failed: int, passed: int, unchecked: int = 0
    ) -> SuiteOutcome:
        failures = tuple(FailedExpectation(f"expect_{n}", "c", "x") for n in range(failed))
        empty = tuple(FailedExpectation(f"expect_e{n}", "c", "empty") for n in range(unchecked))
        return SuiteOutcome(
            suite=suite,
            layer="raw",
            table=table,
            severity=severity,
            success=not failed,
            evaluated=passed + failed + unchecked,
            passed=passed,
            failed=failures,
            rows=10 if passed else 0,
            unchecked=empty,
        )

    text = summarise(
        [
            outcome("raw_crm_contacts", "crm_contacts", "error", 2, 6),
            outcome("raw_crm_contacts_profile", "crm_contacts", "warn", 1, 3),
            outcome("raw_web_events_profile", "web_events", "warn", 1, 2),
            outcome("raw_survey_nps", "survey_nps", "error", 0, 0, 4),
        ]
    )
    assert text == (
        "4 suites, 19 expectations: 11 passed, 4 failed, 4 nothing to check; worst table: "
        "crm_contacts (3 failed); blocking: raw_crm_contacts; nothing to check: raw_survey_nps"
    )
