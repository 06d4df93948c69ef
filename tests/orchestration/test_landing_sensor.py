"""The landing sensor starts a run for new or changed files and for nothing else."""

from __future__ import annotations

import os
import time
from pathlib import Path

import dagster as dg

from orchestration.resources import JourneyResource
from orchestration.sensors import build_landing_sensor


def _write(path: Path, text: str, age_seconds: float = 120) -> None:
    """Writes a file and dates it in the past, as a finished export would be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))


def _evaluate(raw_dir: Path, cursor: str | None) -> dg.SensorResult | dg.SkipReason:
    sensor = build_landing_sensor()
    resource = JourneyResource(
        raw_dir=str(raw_dir), duckdb_path=str(raw_dir / "wh.duckdb"), reports_dir=str(raw_dir)
    )
    context = dg.build_sensor_context(cursor=cursor, resources={"journey": resource})
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


def test_empty_folder_requests_nothing(tmp_path: Path) -> None:
    result = _evaluate(tmp_path, cursor=None)
    assert _run_requests(result) == []
