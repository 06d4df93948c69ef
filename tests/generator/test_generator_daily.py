"""`journey generate --daily-files`: the same rows as one file per table, delivered as a
folder per table (history, then one file per arrival day), change feeds as deltas or
snapshots, later days added without touching earlier files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from journey.contract import REQUIRED_LANDING_TABLES
from journey.generate.daily import HISTORY_SUFFIX, arrival_column, is_change_feed
from journey.generate.daily import generate_daily as daily

PERSONS = 300
SEED = 11
DAYS = 5


def _rows(path: Path | list[Path]) -> list[tuple]:
    paths = [str(p) for p in (path if isinstance(path, list) else [path])]
    with duckdb.connect() as connection:
        return connection.execute(
            "select * exclude (filename) from read_csv($paths, all_varchar = true,"
            " header = true, filename = true) order by filename",
            {"paths": paths},
        ).fetchall()


def _files(raw_dir: Path, table: str) -> list[Path]:
    return sorted((raw_dir / table).iterdir())


@pytest.fixture(scope="module")
def whole(generated: Callable[..., Path]) -> Path:
    return generated(PERSONS, seed=SEED, fmt="csv")


@pytest.fixture(scope="module")
def deltas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("daily") / "raw"
    daily(out, persons=PERSONS, days=DAYS, seed=SEED, fmt="csv", progress=False)
    return out


def test_deltas_hold_every_row_once(whole: Path, deltas: Path) -> None:
    for table in REQUIRED_LANDING_TABLES:
        files = _files(deltas, table)
        assert files[0].name.endswith(f"{HISTORY_SUFFIX}.csv"), table
        assert len(files) == 1 + DAYS, table
        daily_rows, rows = _rows(files), _rows(whole / f"{table}.csv")
        if table == "web_events":
            # Held-back late events differ in received_at (the last column) only.
            moved = Counter(daily_rows) - Counter(rows)
            assert 0 < sum(moved.values()) < len(rows) * 0.01
            assert all(row[-1].endswith("T06:00:00Z") for row in moved)
            daily_rows, rows = [row[:-1] for row in daily_rows], [row[:-1] for row in rows]
        assert Counter(daily_rows) == Counter(rows), table


def test_each_day_holds_what_arrived_since_the_day_before_with_late_events(
    deltas: Path,
) -> None:
    files = _files(deltas, "web_events")
    days = [f.name.removesuffix(".csv") for f in files[1:]]
    late = 0
    with duckdb.connect() as connection:
        connection.execute("set timezone = 'UTC'")
        for index, file in enumerate(files[1:]):
            first, last, late_here = connection.execute(
                "select min(received::date), max(received::date),"
                " count(*) filter (where event::date < received::date) from ("
                "  select try_cast(trim(received_at) as timestamptz) as received,"
                "   try_cast(trim(event_at) as timestamptz) as event"
                "  from read_csv($path, all_varchar = true))",
                {"path": str(file)},
            ).fetchone()
            late += late_here
            if index < len(days) - 1:
                assert str(last) == days[index], file.name
            if index > 0:
                assert str(first) > days[index - 1], file.name
    assert late > 0, "no late event in the daily files"


def test_snapshots_repeat_every_version_so_far(deltas: Path, tmp_path: Path) -> None:
    snapshots = tmp_path / "raw"
    daily(
        snapshots, persons=PERSONS, days=DAYS, seed=SEED, fmt="csv", crm="snapshots", progress=False
    )
    for table in REQUIRED_LANDING_TABLES:
        delta_files, snapshot_files = _files(deltas, table), _files(snapshots, table)
        assert [f.name for f in delta_files] == [f.name for f in snapshot_files]
        for index, snapshot in enumerate(snapshot_files):
            if is_change_feed(table):
                expected = Counter(_rows(delta_files[: index + 1]))
            else:
                expected = Counter(_rows(delta_files[index]))
            assert Counter(_rows(snapshot)) == expected, (table, snapshot.name)
    assert arrival_column("crm_contacts") == "updated_at"


def test_later_days_are_added_and_earlier_files_left_alone(tmp_path: Path, deltas: Path) -> None:
    raw_dir = tmp_path / "raw"
    daily(raw_dir, persons=PERSONS, days=DAYS, seed=SEED, fmt="csv", through=2, progress=False)
    before = {f: (f.read_bytes(), f.stat().st_mtime_ns) for f in raw_dir.glob("[!_]*/*.csv")}
    assert len(_files(raw_dir, "web_events")) == 3
    daily(raw_dir, persons=PERSONS, days=DAYS, seed=SEED, fmt="csv", progress=False)
    after = {f: (f.read_bytes(), f.stat().st_mtime_ns) for f in raw_dir.glob("[!_]*/*.csv")}
    assert {f: after[f] for f in before} == before
    assert len(after) - len(before) == len(REQUIRED_LANDING_TABLES) * (DAYS - 2)
    for table in REQUIRED_LANDING_TABLES:
        for mine, complete in zip(_files(raw_dir, table), _files(deltas, table), strict=True):
            assert mine.read_bytes() == complete.read_bytes(), mine
