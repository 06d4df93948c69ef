"""The warehouse file's lock, build folders and publication, on real DuckDB files and real
processes (no Dagster run: the scenarios in test_publish.py run the job)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from journey.privacy import identity_path
from orchestration import warehouse
from orchestration.tiers import DashboardRelation
from orchestration.warehouse import (
    PublishedRun,
    PublishError,
    WarehouseLocked,
    build_alias,
    build_dir,
    create_build,
    lock_path,
    publication_journal,
    record_process,
    replace_published,
    seal_build,
    warehouse_lock,
)

HOLD_LOCK = """
import fcntl, json, sys, time
handle = open(sys.argv[1], "a+")
fcntl.flock(handle, fcntl.LOCK_EX)
handle.truncate(0)
handle.write(json.dumps({"run_id": "run-a", "pid": 1, "host": "h", "since": "t"}))
handle.flush()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def _write_table(path: Path, value: int) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute("create or replace table t as select ? as v", [value])


def _run(run_id: str = "run-b") -> PublishedRun:
    return PublishedRun(run_id, "/landing", "f" * 64, 9, 1234)


def _hold_lock(published: Path, seconds: float) -> subprocess.Popen[str]:
    published.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_path(published)), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_second_holder_is_refused_naming_the_lock_and_the_run(tmp_path: Path) -> None:
    published = tmp_path / "journey.duckdb"
    holder = _hold_lock(published, 30)
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseLocked) as refused, warehouse_lock(published, "run-b"):
            pass
        assert time.monotonic() - started < 2
        message = str(refused.value)
        assert "run run-a" in message and str(lock_path(published)) in message
    finally:
        holder.kill()
        holder.wait()


def test_a_bounded_wait_gets_the_lock_when_the_holder_ends(tmp_path: Path) -> None:
    published = tmp_path / "journey.duckdb"
    holder = _hold_lock(published, 1.5)
    try:
        with warehouse_lock(published, "run-b", timeout=30):
            assert json.loads(lock_path(published).read_text())["run_id"] == "run-b"
    finally:
        holder.wait()
    # Released: the next holder gets it at once, and the same process may take it again for
    # the same run (the run's resource inside `journey run`).
    with (
        warehouse_lock(published, "run-c"),
        warehouse_lock(published, "run-c"),
        pytest.raises(WarehouseLocked),
        warehouse_lock(published, "run-d"),
    ):
        pass


def test_lock_removes_dead_runs_builds_and_stops_their_writers(tmp_path: Path) -> None:
    published = tmp_path / "journey.duckdb"
    create_build(published, "dead-run")
    writer = subprocess.Popen(["sleep", "60"])
    try:
        record_process(published, "dead-run", writer.pid)
        with warehouse_lock(published, "next-run"):
            assert not build_dir(published, "dead-run").exists()
            assert writer.poll() is not None, "the dead run's writer still runs"
    finally:
        writer.kill()
        writer.wait()


def test_build_starts_empty_or_from_the_published_file(tmp_path: Path) -> None:
    published = tmp_path / "journey.duckdb"
    _write_table(published, 1)
    empty = create_build(published, "r1")
    assert not empty.exists()
    assert build_alias(published).parent.resolve() == build_dir(published, "r1")
    copied = create_build(published, "r2", from_published=True)
    with duckdb.connect(str(copied), read_only=True) as connection:
        assert connection.execute("select v from t").fetchone() == (1,)
    assert build_alias(published).parent.resolve() == build_dir(published, "r2")


def test_publication_keeps_open_readers_on_their_snapshot(tmp_path: Path) -> None:
    published = tmp_path / "journey.duckdb"
    _write_table(published, 1)
    build = create_build(published, "run-b")
    _write_table(build, 2)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        seal_build(build, _run())
        replace_published(build, published)
        assert reader.execute("select v from t").fetchone() == (1,)
    finally:
        reader.close()
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.execute("select v from t").fetchone() == (2,)
        assert connection.execute("select run_id from meta.published_run").fetchone() == ("run-b",)
    assert not build_dir(published, "run-b").exists()
    assert not Path(f"{published}.wal").exists()


def test_a_write_ahead_log_beside_the_warehouse_stops_publication(tmp_path: Path) -> None:
    published = tmp_path / "journey.duckdb"
    _write_table(published, 1)
    before = published.read_bytes()
    Path(f"{published}.wal").write_bytes(b"someone else's log")
    build = create_build(published, "run-b")
    _write_table(build, 2)
    seal_build(build, _run())
    with pytest.raises(PublishError, match=r"journey\.duckdb\.wal exists"):
        replace_published(build, published)
    assert published.read_bytes() == before


def _tiered_build(published: Path, run_id: str, value: int) -> Path:
    build = create_build(published, run_id)
    with duckdb.connect(str(build)) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.t as select ? as v", [value])
    seal_build(build, _run(run_id))
    return build


def _value(path: Path, table: str = "marts.t") -> int:
    with duckdb.connect(str(path), read_only=True) as connection:
        row = connection.execute(f"select v from {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_a_publication_cut_between_its_two_renames_is_finished_by_the_next_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = tmp_path / "journey.duckdb"
    tiers = [DashboardRelation("marts", "t", ())]
    replace_published(_tiered_build(published, "run-a", 1), published, tiers)
    assert (_value(published), _value(identity_path(published))) == (1, 1)

    renames = 0
    original = warehouse._replace_into

    def dies_after_the_first_rename(source: Path, target: Path) -> None:
        nonlocal renames
        renames += 1
        if renames == 2:
            raise KeyboardInterrupt("the process dies here")
        original(source, target)

    monkeypatch.setattr(warehouse, "_replace_into", dies_after_the_first_rename)
    build = _tiered_build(published, "run-b", 2)
    with pytest.raises(KeyboardInterrupt):
        replace_published(build, published, tiers)
    monkeypatch.setattr(warehouse, "_replace_into", original)
    # Cut short: the identity tier is the new run's, the dashboard file still the old one.
    assert (_value(published), _value(identity_path(published))) == (1, 2)
    assert publication_journal(published).is_file()

    with warehouse_lock(published, "run-c"):
        assert (_value(published), _value(identity_path(published))) == (2, 2)
        with duckdb.connect(str(published), read_only=True) as connection:
            assert connection.execute("select run_id from meta.published_run").fetchone() == (
                "run-b",
            )
    assert not publication_journal(published).exists()
    assert not build_dir(published, "run-b").exists()
