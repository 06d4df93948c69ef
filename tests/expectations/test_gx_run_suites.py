"""run_suites: reads the landing folder and the warehouse, keeps every result, renders Data Docs,
and judges freshness against the landing folder's own clock."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from expectations.context import open_file_context
from expectations.derive import parse_utc
from expectations.outcome import FailedExpectation, SuiteOutcome, summarise
from expectations.registry import SUITES, suite
from expectations.runner import AS_OF_VARIABLE, data_docs_index, run_suites, validate_frame
from journey.settings import Settings


@pytest.fixture
def landing(good_landing: Path, tmp_path: Path) -> Path:
    """A copy of the good landing folder, free to break."""
    return Path(shutil.copytree(good_landing, tmp_path / "landing"))


@pytest.fixture
def settings(landing: Path, good_warehouse: Path, tmp_path: Path) -> Settings:
    return Settings(raw_dir=landing, duckdb_path=good_warehouse, reports_dir=tmp_path / "reports")


def _by_suite(outcomes: list[SuiteOutcome]) -> dict[str, SuiteOutcome]:
    return {outcome.suite: outcome for outcome in outcomes}


def test_all_suites_pass_on_good_data_and_render_docs(settings: Settings) -> None:
    outcomes = run_suites(settings)

    assert [o.suite for o in outcomes] == [spec.name for spec in SUITES]
    assert all(o.success for o in outcomes), "\n".join(o.message() for o in outcomes)
    evaluated = sum(o.evaluated for o in outcomes)
    assert summarise(outcomes) == (
        f"{len(SUITES)} suites, {evaluated} expectations: {evaluated} passed, 0 failed"
    )
    index = data_docs_index(settings)
    assert index == settings.reports_dir / "quality" / "index.html"
    assert index.is_file()
    for outcome in outcomes:
        assert outcome.docs_index == index
        assert outcome.docs_page is not None and outcome.docs_page.is_file()
        assert settings.reports_dir / "quality" in outcome.docs_page.parents


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


def test_the_stricter_verdict_is_what_gets_stored(tmp_path: Path, raw_frame) -> None:
    # GX passes a regex over a column of nulls; the run fails it, and so must the history.
    context = open_file_context(tmp_path / "reports")
    deals = raw_frame("crm_deals").assign(closed_at=None)
    outcome = validate_frame(suite("raw_crm_deals"), deals, context)
    assert not outcome.success

    (key,) = context.validation_results_store.list_keys()
    stored = context.validation_results_store.get(key)
    assert stored.success is False
    flagged = [result for result in stored.results if not result.success]
    assert [result.expectation_config.kwargs["column"] for result in flagged] == ["closed_at"]
    assert "nothing was checked" in flagged[0].meta["journey_verdict"]
    assert stored.statistics["unsuccessful_expectations"] == 1


def test_layer_and_names_select_suites(settings: Settings) -> None:
    raw = run_suites(settings, layer="raw")
    assert {o.layer for o in raw} == {"raw"}
    assert len(raw) == sum(spec.layer == "raw" for spec in SUITES)

    chosen = run_suites(settings, names=["mart_fct_attribution", "raw_survey_nps"])
    assert [o.suite for o in chosen] == ["mart_fct_attribution", "raw_survey_nps"]

    with pytest.raises(KeyError, match="no_such_suite"):
        run_suites(settings, names=["no_such_suite"])


def test_unreadable_table_fails_its_suites_and_the_run_goes_on(settings: Settings) -> None:
    (settings.raw_dir / "survey_nps.csv").unlink()

    outcomes = _by_suite(run_suites(settings, layer="raw"))

    for name in ("raw_survey_nps", "raw_survey_nps_profile"):
        assert not outcomes[name].success
        first = outcomes[name].failed
        assert any(
            f.expectation == "table_is_readable" and "survey_nps" in f.observed for f in first
        )
    assert all(o.success for name, o in outcomes.items() if "survey_nps" not in name)


def test_missing_warehouse_fails_mart_suites(settings: Settings, tmp_path: Path) -> None:
    missing = Settings(settings.raw_dir, tmp_path / "nowhere.duckdb", settings.reports_dir)
    outcomes = run_suites(missing, names=["mart_dim_customers"])
    (outcome,) = outcomes
    assert not outcome.success
    assert outcome.failed[-1].expectation == "table_is_readable"


def _age(landing: Path, table: str, columns: tuple[str, ...], days: int) -> None:
    import pandas as pd

    path = landing / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    for column in columns:
        frame[column] = (parse_utc(frame[column]) - timedelta(days=days)).dt.strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
    frame.to_csv(path, index=False)


def test_a_feed_that_stopped_is_stale_against_the_others(settings: Settings) -> None:
    # web_events stopped a year ago while every other feed went on.
    _age(settings.raw_dir, "web_events", ("event_at", "received_at"), 365)

    outcomes = _by_suite(run_suites(settings, layer="raw"))

    stale = outcomes["raw_web_events_profile"]
    assert not stale.success
    assert [f.expectation for f in stale.failed] == ["expect_column_max_to_be_between"]
    assert stale.failed[0].column == "received_at__utc"
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


def test_summarise_names_the_worst_table() -> None:
    def outcome(suite: str, table: str, severity: str, failed: int, passed: int) -> SuiteOutcome:
        failures = tuple(FailedExpectation(f"expect_{n}", "c", "x") for n in range(failed))
        return SuiteOutcome(
            suite=suite,
            layer="raw",
            table=table,
            severity=severity,
            success=not failed,
            evaluated=passed + failed,
            passed=passed,
            failed=failures,
            rows=10,
        )

    text = summarise(
        [
            outcome("raw_crm_contacts", "crm_contacts", "error", 2, 6),
            outcome("raw_crm_contacts_profile", "crm_contacts", "warn", 1, 3),
            outcome("raw_web_events_profile", "web_events", "warn", 1, 2),
            outcome("raw_survey_nps", "survey_nps", "error", 0, 9),
        ]
    )
    assert text == (
        "4 suites, 24 expectations: 20 passed, 4 failed; worst table: crm_contacts (3 failed); "
        "blocking: raw_crm_contacts"
    )
