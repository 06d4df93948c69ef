"""The landing step: files checked by name and header, fingerprinted, loaded once into the
run's build, and one asset per table with files, bytes, rows, time and content hash."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from journey.contract import REQUIRED_LANDING_TABLES, landing_table_problem
from journey.settings import LANDING_TABLES
from orchestration.landing import (
    build_landing_load,
    fingerprint_digest,
    fingerprint_landing,
    landing_changes,
    read_snapshot,
)
from orchestration.project import journey_dbt_cli, journey_dbt_project, prepare_manifest
from orchestration.resources import JourneyResource
from orchestration.warehouse import build_file


def _resources(raw_dir: Path, tmp_path: Path) -> dict[str, object]:
    project = journey_dbt_project()
    return {
        "journey": JourneyResource(
            raw_dir=str(raw_dir),
            duckdb_path=str(tmp_path / "wh" / "journey.duckdb"),
            reports_dir=str(tmp_path / "reports"),
        ),
        "dbt": journey_dbt_cli(project),
    }


def _landing_load() -> dg.AssetsDefinition:
    manifest = json.loads(prepare_manifest(journey_dbt_project()).read_text())
    return build_landing_load(LANDING_TABLES, manifest)


def test_folder_of_parquet_and_csv_parts(tmp_path: Path) -> None:
    folder = tmp_path / "web_identifies"
    folder.mkdir()
    table = pa.table({"anonymous_id": ["a1", "a2", "a3"], "user_id": ["u1", None, "u3"]})
    pq.write_table(table, folder / "part-1.parquet")
    (folder / "part-2.csv").write_text("anonymous_id,user_id\na4,u4\n")
    (folder / "notes.txt").write_text("not a landing file")
    fingerprints = fingerprint_landing(tmp_path, ["web_identifies"])
    assert [f.path for f in fingerprints] == [
        "web_identifies/part-1.parquet",
        "web_identifies/part-2.csv",
    ]


def test_missing_table_is_named(tmp_path: Path) -> None:
    assert "Landing table 'crm_deals' not found" in landing_table_problem(tmp_path, "crm_deals")


def test_fingerprint_names_each_changed_appeared_and_disappeared_file(tmp_path: Path) -> None:
    (tmp_path / "crm_deals.csv").write_text("deal_id\nD1\n")
    (tmp_path / "crm_orders.csv").write_text("order_id\nO1\n")
    (tmp_path / "survey_nps.csv").write_text("response_id\nR1\n")
    tables = ["crm_deals", "crm_orders", "survey_nps", "web_events"]
    before = fingerprint_landing(tmp_path, tables)
    assert landing_changes(before, fingerprint_landing(tmp_path, tables)) == []

    # Same size and time, other bytes: only the content hash tells.
    stat = (tmp_path / "crm_deals.csv").stat()
    (tmp_path / "crm_deals.csv").write_text("deal_id\nD2\n")
    os.utime(tmp_path / "crm_deals.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (tmp_path / "survey_nps.csv").unlink()
    (tmp_path / "web_events").mkdir()
    (tmp_path / "web_events" / "part-1.csv").write_text("event_id\nE1\n")
    after = fingerprint_landing(tmp_path, tables)

    changes = landing_changes(before, after)
    assert changes == [
        "crm_deals.csv: changed (content; 11 → 11 bytes)",
        "survey_nps.csv: disappeared",
        "web_events/part-1.csv: appeared (12 bytes)",
    ]
    assert fingerprint_digest(before) != fingerprint_digest(after)


@pytest.mark.slow
def test_landing_load_fills_the_build_once_and_records_what_it_read(
    landing_copy: Path, tmp_path: Path
) -> None:
    load = _landing_load()
    result = dg.materialize([load], resources=_resources(landing_copy, tmp_path))
    assert result.success
    build = build_file(tmp_path / "wh" / "journey.duckdb", result.run_id)
    # Nothing is published by the landing step.
    assert not (tmp_path / "wh" / "journey.duckdb").exists()

    with duckdb.connect(str(build), read_only=True) as connection:
        loaded = dict(
            connection.execute(
                "select table_name, sum(row_count) from landing._files group by 1"
            ).fetchall()
        )
        contacts = connection.execute("select count(*) from landing.crm_contacts").fetchone()[0]
    assert loaded["crm_contacts"] == contacts > 0

    snapshot = read_snapshot(build)
    # Every generated table; the optional erasure_requests has no file here.
    assert {f.path for f in snapshot} == {f"{table}.csv" for table in REQUIRED_LANDING_TABLES}
    events = result.asset_materializations_for_node("landing_load")
    by_table = {event.asset_key.path[-1]: event.metadata for event in events}
    contacts_meta = by_table["crm_contacts"]
    assert contacts_meta["dagster/row_count"].value == contacts
    assert contacts_meta["bytes"].value == (landing_copy / "crm_contacts.csv").stat().st_size
    assert contacts_meta["files"].value == ["crm_contacts.csv"]
    recorded = {f.path: f.sha256 for f in snapshot}
    assert contacts_meta["sha256"].value == {"crm_contacts.csv": recorded["crm_contacts.csv"]}
    assert contacts_meta["landing_fingerprint"].value == fingerprint_digest(snapshot)
    assert "modified_at" in contacts_meta
    assert {"files", "rejected_lines"} <= set(by_table)


def test_landing_load_names_a_missing_table_before_loading(
    generated_landing: Path, tmp_path: Path
) -> None:
    raw_dir = tmp_path / "raw"
    shutil.copytree(generated_landing, raw_dir)
    (raw_dir / "crm_deals.csv").unlink()
    with pytest.raises(dg.Failure, match="Landing table 'crm_deals' not found"):
        dg.materialize([_landing_load()], resources=_resources(raw_dir, tmp_path))
    assert not list((tmp_path / "wh").glob(".journey.duckdb.build-*"))


def test_landing_load_fails_with_the_loaders_words_for_a_missing_column(
    generated_landing: Path, tmp_path: Path
) -> None:
    """The loader is the one place that checks a file's columns; the step passes its message on."""
    raw_dir = tmp_path / "raw"
    shutil.copytree(generated_landing, raw_dir)
    (raw_dir / "crm_deals.csv").write_text("deal_id,amount\nD1,10\n")
    with pytest.raises(dg.Failure) as failure:
        dg.materialize([_landing_load()], resources=_resources(raw_dir, tmp_path))
    description = failure.value.description or ""
    assert description.startswith("Loading the landing folder failed: ")
    where = f"Landing table 'crm_deals' ({raw_dir / 'crm_deals.csv'}): required columns"
    assert where in description
    assert "'contact_id'" in description and "Columns found: deal_id, amount" in description
