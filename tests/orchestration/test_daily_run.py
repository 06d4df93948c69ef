"""journey_daily end to end, in process, on generated landing data: real dbt, GX and Dagster."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from expectations.registry import SUITES
from expectations.runner import data_docs_index
from journey.settings import LANDING_TABLES, Settings
from orchestration.journey_report import JOURNEY_REPORT_KEY
from orchestration.project import journey_dbt_project
from orchestration.reports import DBT_DOCS_KEY, dbt_docs_dir
from orchestration.run import run_job
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
    with dg.instance_for_test() as instance:
        code = run_job(settings, instance=instance)
        out = capsys.readouterr()
        assert code == 0, out.out[-4000:] + out.err[-4000:]

        for table in LANDING_TABLES:
            assert _materialized(instance, dg.AssetKey(["landing", table]))
        models = _model_keys()
        missing = [name for name, key in models.items() if not _materialized(instance, key)]
        assert missing == []
        assert _materialized(instance, DBT_DOCS_KEY)
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

    with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
        marts = {
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        }
    assert {name for name, key in models.items() if key.path[0] == "marts"} <= marts
    assert data_docs_index(settings).is_file()
    assert (dbt_docs_dir(settings.reports_dir) / "index.html").is_file()
    assert str(data_docs_index(settings)) in out.out
    journey_index = settings.reports_dir / "journey" / "index.html"
    assert journey_index.is_file()
    assert f"Journey report: {journey_index}\n" in out.out
    assert "Warning: [WARN] landing/" in out.out
    assert "Quality:" in out.out


def _invalid_emails(rows: Rows) -> Rows:
    for index, row in enumerate(rows):
        if index % 3 == 0:
            row["email"] = f"not-an-email-{index}"
    return rows


def _replayed_tickets(rows: Rows) -> Rows:
    # The export replayed: every ticket version arrives many times with the same updated_at.
    return [dict(row) for row in rows for _ in range(6)]


@pytest.mark.parametrize(
    ("table", "change", "expectation"),
    [
        ("crm_contacts", _invalid_emails, "expect_column_values_to_match_regex"),
        ("support_tickets", _replayed_tickets, "unique"),
    ],
    ids=["invalid_emails", "replayed_tickets"],
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
    with dg.instance_for_test() as instance:
        code = run_job(settings, instance=instance)
        err = capsys.readouterr().err
        assert code != 0

        # The landing assets ran; nothing downstream of the blocking check did.
        assert _materialized(instance, dg.AssetKey(["landing", table]))
        built = [key for key in _model_keys().values() if _materialized(instance, key)]
        assert built == []
        assert not _materialized(instance, DBT_DOCS_KEY)

    failure = err[err.index("FAILED") :]
    line = next(line for line in failure.splitlines() if f"{table}:" in line and "observed" in line)
    assert expectation in line
    assert not settings.duckdb_path.exists() or not _has_marts(settings.duckdb_path)


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
    with dg.instance_for_test() as instance:
        assert run_job(settings_for(landing_copy), instance=instance) != 0
    err = capsys.readouterr().err
    assert "step landing__crm_deals failed: Landing table 'crm_deals' not found" in err
