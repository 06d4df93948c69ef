"""The landing sensor starts a run for new or changed files of a settled folder, and for
nothing else."""

from __future__ import annotations

import os
import time
from pathlib import Path

import dagster as dg
import pytest

from orchestration.resources import JourneyResource
from orchestration.sensors import build_landing_sensor


def _write(path: Path, text: str, age_seconds: float = 120) -> None:
    """Writes a file and dates it and its folders in the past, as a finished export would be
    (writing a file touches its folder too)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    stamp = time.time() - age_seconds
    for touched in (path, path.parent, path.parent.parent):
        os.utime(touched, (stamp, stamp))


def _evaluate(raw_dir: Path, cursor: str | None) -> dg.SensorResult | dg.SkipReason:
    sensor = build_landing_sensor()
    resource = JourneyResource(
        raw_dir=str(raw_dir), duckdb_path=str(raw_dir / "wh.duckdb"), reports_dir=str(raw_dir)
    )
    # A context manager: the resource holds the warehouse lock during runs (not here).
    with dg.build_sensor_context(cursor=cursor, resources={"journey": resource}) as context:
        return sensor(context)


def _run_requests(result: dg.SensorResult | dg.SkipReason) -> list[dg.RunRequest]:
    return list(result.run_requests or []) if isinstance(result, dg.SensorResult) else []


def test_new_file_then_unchanged_then_changed(tmp_path: Path) -> None:
    _write(tmp_path / "crm_contacts.csv", "contact_id\nC1\n")

    first = _evaluate(tmp_path, cursor=None)
    assert len(_run_requests(first)) == 1
    cursor = first.cursor

    unchanged = _evaluate(tmp_path, cursor=cursor)
    assert _run_requests(unchanged) == []

    _write(tmp_path / "crm_contacts.csv", "contact_id\nC1\nC2\n", age_seconds=60)
    changed = _evaluate(tmp_path, cursor=cursor)
    (request,) = _run_requests(changed)
    assert "crm_contacts.csv" in request.tags["journey/landing_changes"]
    assert changed.cursor != cursor

    _write(tmp_path / "web_events" / "part-1.parquet", "x")
    added = _evaluate(tmp_path, cursor=changed.cursor)
    (request,) = _run_requests(added)
    assert request.tags["journey/landing_changes"] == "web_events/part-1.parquet"


def test_files_the_build_does_not_read_are_ignored(tmp_path: Path) -> None:
    _write(tmp_path / "crm_contacts.csv", "contact_id\nC1\n")
    cursor = _evaluate(tmp_path, cursor=None).cursor
    _write(tmp_path / "_truth" / "persons.csv", "person\n1\n")
    _write(tmp_path / "README.txt", "notes")
    assert _run_requests(_evaluate(tmp_path, cursor=cursor)) == []


def test_waits_while_a_file_is_being_written(tmp_path: Path) -> None:
    _write(tmp_path / "crm_contacts.csv", "contact_id\nC1\n", age_seconds=0)
    result = _evaluate(tmp_path, cursor=None)
    assert isinstance(result, dg.SkipReason)
    assert "still being written" in (result.skip_message or "")


def test_waits_for_a_quiet_folder_even_when_file_times_are_old(tmp_path: Path) -> None:
    # A copy that keeps the source's file times (cp -p, rsync -t) still touches the folder.
    _write(tmp_path / "crm_contacts.csv", "contact_id\nC1\n")
    _write(tmp_path / "crm_deals.csv", "deal_id\nD1\n")
    os.utime(tmp_path, None)
    result = _evaluate(tmp_path, cursor=None)
    assert _run_requests(result) == []
    assert "quiet period 60s" in (result.skip_message or "")


def test_quiet_period_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "crm_contacts.csv", "contact_id\nC1\n", age_seconds=120)
    monkeypatch.setenv("JOURNEY_SENSOR_QUIET_SECONDS", "300")
    assert _run_requests(_evaluate(tmp_path, cursor=None)) == []
    monkeypatch.setenv("JOURNEY_SENSOR_QUIET_SECONDS", "90")
    assert len(_run_requests(_evaluate(tmp_path, cursor=None))) == 1


@pytest.mark.parametrize(
    "temp_name",
    [
        ".crm_deals.csv.x7Yq2",
        "crm_deals.csv.tmp",
        "crm_deals.parquet.part",
        "crm_deals.csv.crdownload",
        "crm_deals.csv~",
        "crm_deals.csv._COPYING_",
        "web_events/.part-2.parquet.Ab3",
        "web_events/part-2.parquet.tmp",
    ],
)
def test_temp_named_files_hold_the_run_back(tmp_path: Path, temp_name: str) -> None:
    _write(tmp_path / "crm_contacts.csv", "contact_id\nC1\n")
    _write(tmp_path / "web_events" / "part-1.csv", "event_id\nE1\n")
    _write(tmp_path / temp_name, "half an export")
    result = _evaluate(tmp_path, cursor=None)
    assert _run_requests(result) == []
    assert temp_name in (result.skip_message or "")
    (tmp_path / temp_name).unlink()
    for folder in (tmp_path, tmp_path / "web_events"):
        stamp = time.time() - 120
        os.utime(folder, (stamp, stamp))
    assert len(_run_requests(_evaluate(tmp_path, cursor=None))) == 1


def test_persistent_dotfiles_do_not_hold_the_run_back(tmp_path: Path) -> None:
    _write(tmp_path / "crm_contacts.csv", "contact_id\nC1\n")
    _write(tmp_path / ".DS_Store", "finder")
    assert len(_run_requests(_evaluate(tmp_path, cursor=None))) == 1


def test_empty_folder_requests_nothing(tmp_path: Path) -> None:
    result = _evaluate(tmp_path, cursor=None)
    assert _run_requests(result) == []
