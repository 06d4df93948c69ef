"""journey_daily end to end, in process, on generated landing data: real dbt, GX and Dagster."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import dagster_instance, green_run

from expectations.runner import SUITES, data_docs_index
from journey.privacy import identity_path
from journey.settings import LANDING_TABLES, Settings
from orchestration.journey_report import JOURNEY_REPORT_KEY
from orchestration.project import dbt_target_dir, journey_dbt_project
from orchestration.publish import PUBLISHED_KEY
from orchestration.reports import DBT_DOCS_KEY, INLINE_SLOTS, dbt_docs_dir
from orchestration.run import run_job
from orchestration.tiers import dashboard_relations
from orchestration.translator import model_asset_keys

pytestmark = pytest.mark.slow

Rows = list[dict[str, str]]
RowsChange = Callable[[Rows], Rows]
SettingsFor = Callable[[Path], Settings]


def _materialized(instance: dg.DagsterInstance, key: dg.AssetKey) -> bool:
    return instance.get_latest_materialization_event(key) is not None


def _model_keys() -> dict[str, dg.AssetKey]:
    """Models that dbt writes to the warehouse (ephemeral ones are only inlined)."""
    manifest = json.loads(journey_dbt_project().manifest_path.read_text())
    ephemeral = {
        node["name"]
        for node in manifest["nodes"].values()
        if node.get("config", {}).get("materialized") == "ephemeral"
    }
    return {name: key for name, key in model_asset_keys(manifest).items() if name not in ephemeral}


def _rewrite_csv(path: Path, change: RowsChange) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    rows = change(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_daily_job_builds_warehouse_and_reports(
    landing_copy: Path,
    settings_for: SettingsFor,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = settings_for(landing_copy)
    # Judged from 2030 every raw table is stale: freshness belongs to the descriptive "warn"
    # suites, whose failures are reported while the run goes on.
    monkeypatch.setenv("JOURNEY_QUALITY_AS_OF", "2030-01-01T00:00:00Z")
    with green_run(settings, capsys) as (instance, out):
        for table in LANDING_TABLES:
            assert _materialized(instance, dg.AssetKey(["landing", table]))
        models = _model_keys()
        missing = [name for name, key in models.items() if not _materialized(instance, key)]
        assert missing == []
        assert _materialized(instance, DBT_DOCS_KEY)
        # Published last, saying which run and which landing files.
        published = instance.get_latest_materialization_event(PUBLISHED_KEY)
        assert published is not None
        metadata = published.asset_materialization.metadata
        run_id = metadata["run_id"].value
        assert metadata["published_path"].value == str(settings.duckdb_path)
        assert _materialized(instance, JOURNEY_REPORT_KEY)

        # Every quality suite whose table exists ran as a check (raw before dbt, marts after).
        suite_checks = [
            dg.AssetCheckKey(dg.AssetKey(["landing", spec.table]), spec.name)
            if spec.layer == "raw"
            else dg.AssetCheckKey(models[spec.table], spec.name)
            for spec in SUITES
            if spec.layer == "raw" or spec.table in models
        ]
        executed = instance.event_log_storage.get_latest_asset_check_execution_by_key(suite_checks)
        assert set(executed) == set(suite_checks)

    # Two files: dashboards get the dashboard-tier marts, the identity tier keeps every mart.
    manifest = json.loads(journey_dbt_project().manifest_path.read_text())
    dashboard = {relation.name for relation in dashboard_relations(manifest)}
    all_marts = {name for name, key in models.items() if key.path[0] == "marts"}
    for path, expected in (
        (settings.duckdb_path, all_marts & dashboard),
        (identity_path(settings.duckdb_path), all_marts),
    ):
        with duckdb.connect(str(path), read_only=True) as connection:
            assert connection.execute(
                "select run_id, landing_fingerprint from meta.published_run"
            ).fetchall() == [(run_id, metadata["landing_fingerprint"].value)]
            marts = {
                name
                for (name,) in connection.execute(
                    "select table_name from information_schema.tables where table_schema = 'marts'"
                ).fetchall()
            }
        assert expected <= marts
    assert "dim_customer_identifiers" in all_marts - dashboard
    assert data_docs_index(settings).is_file()
    # The docs page carries the build's manifest: the SQL each model ran, compiled once.
    docs_page = (dbt_docs_dir(settings.reports_dir) / "index.html").read_text()
    manifest_text = (dbt_docs_dir(settings.reports_dir) / "manifest.json").read_text()
    compiled = json.loads(manifest_text)["nodes"]["model.journey_warehouse.fct_touchpoints"]
    assert "int_touchpoints_staged" in compiled["compiled_code"]
    assert "{{" not in compiled["compiled_code"]
    assert manifest_text in docs_page
    build_results = dbt_target_dir() / "dagster" / "build" / "run_results.json"
    assert (
        json.loads(manifest_text)["metadata"]["invocation_id"]
        == json.loads(build_results.read_text())["metadata"]["invocation_id"]
    ), "the docs page should carry the build's own manifest"
    # The scheduled build runs the data tests, not the unit tests (those run where code changes).
    built_types = {
        result["unique_id"].split(".")[0]
        for result in json.loads(build_results.read_text())["results"]
    }
    assert "test" in built_types
    assert "unit_test" not in built_types
    assert not any(slot in docs_page for slot in INLINE_SLOTS.values())
    assert str(data_docs_index(settings)) in out.out
    journey_index = settings.reports_dir / "journey" / "index.html"
    assert journey_index.is_file()
    assert f"Journey report: {journey_index}\n" in out.out
    assert "Warning: [WARN] landing/" in out.out
    assert "Quality:" in out.out


def _dates_in_another_format(rows: Rows) -> Rows:
    # An export switched to day-first dates: the warehouse parses none of them.
    for index, row in enumerate(rows):
        if index % 2 == 0:
            row["created_at"] = f"{index % 28 + 1:02d}/12/2024 10:00"
    return rows


def _replayed_events(rows: Rows) -> Rows:
    # A whole batch delivered six times: far beyond at-least-once delivery.
    return [dict(row) for row in rows for _ in range(6)]


@pytest.mark.parametrize(
    ("table", "change", "expectation"),
    [
        ("crm_contacts", _dates_in_another_format, "expect_column_values_to_match_regex"),
        ("web_events", _replayed_events, "expect_column_values_to_be_unique"),
    ],
    ids=["dates_in_another_format", "replayed_events"],
)
def test_broken_export_stops_the_run(
    landing_copy: Path,
    settings_for: SettingsFor,
    capsys: pytest.CaptureFixture[str],
    table: str,
    change: RowsChange,
    expectation: str,
) -> None:
    _rewrite_csv(landing_copy / f"{table}.csv", change)
    settings = settings_for(landing_copy)
    with dagster_instance() as instance:
        code = run_job(settings, instance=instance)
        err = capsys.readouterr().err
        assert code != 0

        # The landing assets ran; nothing downstream of the blocking check did.
        assert _materialized(instance, dg.AssetKey(["landing", table]))
        built = [key for key in _model_keys().values() if _materialized(instance, key)]
        assert built == []
        assert not _materialized(instance, DBT_DOCS_KEY)
        assert not _materialized(instance, PUBLISHED_KEY)

    failure = err[err.index("FAILED") :]
    line = next(line for line in failure.splitlines() if f"{table}:" in line and "observed" in line)
    assert expectation in line
    assert not settings.duckdb_path.exists() or not _has_marts(settings.duckdb_path)


def _one_user_with_many_emails(rows: Rows) -> Rows:
    # One user_id identified with 30 emails: an identity component far beyond a person's
    # handful of addresses, which no dbt test sees (the graph is valid) and the over-merge guard
    # blocks. Devices alone would only warn (a login on many browsers is a valid customer).
    template = rows[0]
    return rows + [
        {
            **template,
            "anonymous_id": "",
            "user_id": "user-overmerge",
            "email": f"overmerge-{n}@overmerged.org",
        }
        for n in range(30)
    ]


def test_a_failing_mart_error_suite_fails_the_run(
    landing_copy: Path, settings_for: SettingsFor, capsys: pytest.CaptureFixture[str]
) -> None:
    _rewrite_csv(landing_copy / "web_identifies.csv", _one_user_with_many_emails)
    settings = settings_for(landing_copy)
    with dagster_instance() as instance:
        code = run_job(settings, instance=instance)
        err = capsys.readouterr().err
        assert code != 0, err
        # dbt built the marts; the mart check failed after them and stopped the run.
        assert _materialized(instance, _model_keys()["dim_customers"])
        assert not _materialized(instance, DBT_DOCS_KEY)
    failure = err[err.index("FAILED") :]
    assert "check mart_dim_customers:" in failure
    report = failure[failure.index("check mart_dim_customers:") :]
    line = next(line for line in report.splitlines() if "observed" in line)
    assert (
        "dim_customers: expect_column_max_to_be_between on person_identifier_count failed" in line
    )
    assert "(expected at most 12)" in line


def _has_marts(path: Path) -> bool:
    with duckdb.connect(str(path), read_only=True) as connection:
        return bool(
            connection.execute(
                "select count(*) from information_schema.tables where table_schema = 'marts'"
            ).fetchone()[0]
        )


def test_missing_landing_table_is_named(
    landing_copy: Path, settings_for: SettingsFor, capsys: pytest.CaptureFixture[str]
) -> None:
    (landing_copy / "crm_deals.csv").unlink()
    with dagster_instance() as instance:
        assert run_job(settings_for(landing_copy), instance=instance) != 0
    err = capsys.readouterr().err
    assert "step landing_load failed: Landing table 'crm_deals' not found" in err
