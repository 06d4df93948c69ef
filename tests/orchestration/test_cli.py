"""`journey run|build|ui` never fill a landing folder the user configured with demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey.settings import DEFAULT_RAW_DIR, is_default_raw_dir
from orchestration.cli import main


@pytest.fixture(autouse=True)
def _isolated_paths(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The CLI exports --raw-dir/--duckdb-path to the environment; keep that to this test.
    monkeypatch.setenv("JOURNEY_DUCKDB_PATH", str(tmp_path / "wh" / "journey.duckdb"))
    monkeypatch.setenv("JOURNEY_RAW_DIR", str(tmp_path / "unused"))


@pytest.mark.parametrize("command", ["run", "build", "ui"])
def test_empty_configured_folder_stops_without_generating(tmp_path: Path, command: str) -> None:
    raw_dir = tmp_path / "exports"
    raw_dir.mkdir()
    with pytest.raises(SystemExit) as stopped:
        main([command, "--raw-dir", str(raw_dir)])
    message = str(stopped.value.code)
    assert f"Landing folder {raw_dir} (JOURNEY_RAW_DIR) holds no landing table" in message
    assert "<table>.csv or <table>.csv.gz or <table>.parquet" in message
    assert "crm_contacts" in message and "survey_nps" in message
    assert "Found instead: nothing (the folder is empty)" in message
    assert list(raw_dir.iterdir()) == []
    assert not (tmp_path / "wh").exists()


def test_unrecognised_files_are_listed(tmp_path: Path) -> None:
    raw_dir = tmp_path / "exports"
    (raw_dir / "CRM").mkdir(parents=True)
    (raw_dir / "CRM_CONTACTS.CSV").write_text("contact_id\nC1\n")
    (raw_dir / "notes.txt").write_text("hello")
    with pytest.raises(SystemExit) as stopped:
        main(["run", "--raw-dir", str(raw_dir)])
    assert "Found instead: CRM/, CRM_CONTACTS.CSV, notes.txt." in str(stopped.value.code)
    assert sorted(path.name for path in raw_dir.iterdir()) == [
        "CRM",
        "CRM_CONTACTS.CSV",
        "notes.txt",
    ]


def test_missing_configured_folder_is_not_created(tmp_path: Path) -> None:
    raw_dir = tmp_path / "not-mounted" / "exports"
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--raw-dir", str(raw_dir)])
    assert "Found instead: the folder does not exist" in str(stopped.value.code)
    assert not raw_dir.exists()


def test_only_the_default_folder_counts_as_the_demo_folder(tmp_path: Path) -> None:
    assert is_default_raw_dir(DEFAULT_RAW_DIR)
    assert is_default_raw_dir(DEFAULT_RAW_DIR / ".." / "demo")
    assert not is_default_raw_dir(tmp_path / "demo")
