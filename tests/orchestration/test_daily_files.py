"""Daily files end to end: the Dagster job (real dbt, GX and Dagster, in process) on landing
folders that grow by one file per arrival day (`journey generate --daily-files`).

One warehouse lives through a sequence of runs, started once for the module: a first run,
three new daily files, a run with nothing new, a run that loads a new file and then fails its
checks, a changed and a removed file, and a full refresh. A second warehouse receives the
change feeds as snapshots instead of deltas. Each test asserts one step of what was recorded.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from conftest import dagster_instance
from dbt_harness import BuildWarehouse, comparable_columns, csv_text

from journey.contract import REQUIRED_LANDING_TABLES
from journey.generate.daily import generate_daily
from journey.privacy import identity_path
from journey.settings import Settings
from orchestration.run import run_job

pytestmark = pytest.mark.slow

PRIVACY_KEY = "daily-files-test-key"
PERSONS = 300
SEED = 11
DAYS = 5
FIRST_DAYS = 2
BAD_FILE = "9999-12-31-day-first.csv"
FILES = "select table_name, source_file, fingerprint, batch_id, row_count from landing._files"
# Columns that count landing rows themselves: a snapshot repeats versions already loaded,
# which the reconciliation counts as read and superseded (SPEC §8). Every other column of
# every mart must be equal between deltas and snapshots.
COUNTS_LANDING_ROWS = {"agg_row_reconciliation": ("raw_rows", "superseded_rows")}


def _marts(path: Path) -> list[str]:
    sql = "select table_name from information_schema.tables where table_schema = 'marts'"
    return sorted(row[0] for row in _query(path, sql))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


@dataclass
class Run:
    code: int
    output: str
    published_sha256: str
    files: list[tuple]


@dataclass
class Warehouse:
    root: Path
    runs: dict[str, Run] = field(default_factory=dict)
    # The files of each table's folder after the second delivery, in name order.
    delivered: dict[str, list[str]] = field(default_factory=dict)
    # landing._files of the build a failed run left behind (kept until the next run).
    failed_build_files: list[tuple] = field(default_factory=list)

    @property
    def raw_dir(self) -> Path:
        return self.root / "raw"

    @property
    def settings(self) -> Settings:
        return Settings(
            raw_dir=self.raw_dir,
            duckdb_path=self.root / "warehouse" / "journey.duckdb",
            reports_dir=self.root / "reports",
        )

    def deliver(self, through: int, crm: str = "deltas") -> None:
        generate_daily(
            self.raw_dir,
            persons=PERSONS,
            days=DAYS,
            seed=SEED,
            fmt="csv",
            through=through,
            crm=crm,
            progress=False,
        )

    def run(self, name: str, instance: dg.DagsterInstance, full_refresh: bool = False) -> None:
        """`journey run` in process; records its outcome and the published warehouse."""
        output = io.StringIO()
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            code = run_job(self.settings, instance=instance, full_refresh=full_refresh)
        # The whole published warehouse (landing copies included) is its identity tier.
        published = identity_path(self.settings.duckdb_path)
        self.runs[name] = Run(
            code, output.getvalue(), _sha256(published), sorted(_query(published, FILES))
        )


def _day_first_dates(rows: int) -> str:
    """crm_contacts versions with day-first dates, which the raw checks refuse (blocking)."""
    return csv_text(
        "crm_contacts",
        [
            {
                "contact_id": f"C-day-first-{n}",
                "created_at": f"{n % 28 + 1:02d}/12/2025 10:00",
                "updated_at": "2025-12-31T12:00:00Z",
            }
            for n in range(rows)
        ],
    )


@contextmanager
def _environment(dbt_work: Path) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(dbt_work / "target"))
        patch.setenv("DBT_LOG_PATH", str(dbt_work / "logs"))
        patch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        # Judged from a fixed date, the freshness warnings do not depend on today.
        patch.setenv("JOURNEY_QUALITY_AS_OF", "2026-01-15T00:00:00Z")
        # One privacy key for the runs and the snapshot build, so keyed hashes compare.
        patch.setenv("JOURNEY_PRIVACY_KEY", PRIVACY_KEY)
        yield


def _days(raw_dir: Path, table: str) -> list[str]:
    return sorted(path.name for path in (raw_dir / table).iterdir())


@pytest.fixture(scope="module")
def deltas(tmp_path_factory: pytest.TempPathFactory, dbt_work: Path) -> Iterator[Warehouse]:
    """The warehouse that receives change feeds as deltas, after every step (see module doc).
    A copy of the published file after the second run is kept for the comparisons."""
    warehouse = Warehouse(tmp_path_factory.mktemp("deltas"))
    dashboard = warehouse.settings.duckdb_path
    published = identity_path(dashboard)
    with _environment(dbt_work), dagster_instance() as instance:
        warehouse.deliver(FIRST_DAYS)
        warehouse.run("first", instance)
        warehouse.deliver(DAYS)
        warehouse.delivered = {
            table: _days(warehouse.raw_dir, table) for table in REQUIRED_LANDING_TABLES
        }
        warehouse.run("three_new", instance)
        shutil.copy2(published, warehouse.root / "three_new.duckdb")

        # A new file the raw checks refuse: the run fails after loading it into its build.
        bad = warehouse.raw_dir / "crm_contacts" / BAD_FILE
        bad.write_text(_day_first_dates(500))
        warehouse.run("failing", instance)
        for kept in dashboard.parent.glob(f".{dashboard.name}.build-*/{dashboard.name}"):
            warehouse.failed_build_files = sorted(_query(kept, FILES))
        bad.unlink()
        warehouse.run("nothing_new", instance)
        shutil.copy2(published, warehouse.root / "nothing_new.duckdb")

        changed = warehouse.raw_dir / "crm_orders" / _days(warehouse.raw_dir, "crm_orders")[0]
        changed.write_text(changed.read_text() + changed.read_text().splitlines()[-1] + "\n")
        removed = warehouse.raw_dir / "web_events" / _days(warehouse.raw_dir, "web_events")[-1]
        removed.unlink()
        warehouse.run("changed_and_removed", instance)
        warehouse.run("full_refresh", instance, full_refresh=True)
    yield warehouse


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse) -> Path:
    """The same days with change feeds delivered as full snapshots, built by dbt (models and
    seeds; the tests ran on the deltas)."""
    raw_dir = tmp_path_factory.mktemp("snapshots") / "raw"
    generate_daily(
        raw_dir, persons=PERSONS, days=DAYS, seed=SEED, fmt="csv", crm="snapshots", progress=False
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOURNEY_PRIVACY_KEY", PRIVACY_KEY)
        built = build_warehouse(
            raw_dir, args=("build", "--exclude-resource-type", "test", "unit_test")
        )
    return built.duckdb_path


def _succeeded(warehouse: Warehouse, *names: str) -> None:
    for name in names:
        run = warehouse.runs[name]
        assert run.code == 0, f"run {name} failed:\n{run.output[-4000:]}"


def _new_files(before: Run, after: Run) -> set[tuple[str, str]]:
    known = {(row[0], row[1]) for row in before.files}
    return {(row[0], row[1]) for row in after.files} - known


def test_new_daily_files_are_loaded_once_as_the_next_batch(deltas: Warehouse) -> None:
    _succeeded(deltas, "first", "three_new")
    first, second = deltas.runs["first"], deltas.runs["three_new"]
    # History plus the first two days, per table, all in batch 1.
    assert len(first.files) == len(REQUIRED_LANDING_TABLES) * (1 + FIRST_DAYS)
    assert {row[3] for row in first.files} == {1}
    # The files of the first run keep their record; the three new days are batch 2.
    assert [row for row in second.files if row[3] == 1] == first.files
    new = {(row[0], row[1]) for row in second.files if row[3] == 2}
    assert new == _new_files(first, second)
    expected = {
        (table, f"{table}/{name}")
        for table in REQUIRED_LANDING_TABLES
        for name in deltas.delivered[table][1 + FIRST_DAYS : 1 + DAYS]
    }
    assert new == expected
    # Every landing row once: per table, the rows of each file are the rows it recorded.
    published = deltas.root / "three_new.duckdb"
    for table in REQUIRED_LANDING_TABLES:
        loaded = _query(published, f"select _source_file, count(*) from landing.{table} group by 1")
        recorded = [(row[1], row[4]) for row in second.files if row[0] == table and row[4]]
        assert sorted(loaded) == sorted(recorded), table
    assert _query(published, "select batch_id from landing._load") == [(2,)]


def test_a_failed_run_publishes_nothing_and_keeps_the_processed_files_record(
    deltas: Warehouse,
) -> None:
    failing, before = deltas.runs["failing"], deltas.runs["three_new"]
    assert failing.code != 0
    assert "expect_column_values_to_match_regex" in failing.output
    # The failed run's build had recorded the new file as batch 3: the record lived there.
    new = [row for row in deltas.failed_build_files if row not in before.files]
    assert [(row[0], row[1], row[3]) for row in new] == [
        ("crm_contacts", f"crm_contacts/{BAD_FILE}", 3)
    ]
    # The published warehouse, and with it landing._files, is as the previous run left it.
    assert failing.published_sha256 == before.published_sha256
    assert failing.files == before.files


def test_a_run_with_no_new_file_loads_nothing(deltas: Warehouse) -> None:
    # The file the failed run loaded is gone again: it was never processed, so nothing stops.
    _succeeded(deltas, "nothing_new")
    run = deltas.runs["nothing_new"]
    assert run.files == deltas.runs["three_new"].files
    published = deltas.root / "nothing_new.duckdb"
    before = deltas.root / "three_new.duckdb"
    for table in REQUIRED_LANDING_TABLES:
        sql = f"select count(*) from landing.{table}"
        assert _query(published, sql) == _query(before, sql), table
    assert _query(published, "select batch_id from landing._load") == [(None,)]


def test_a_changed_or_removed_file_stops_the_run_by_name(deltas: Warehouse) -> None:
    run = deltas.runs["changed_and_removed"]
    assert run.code != 0
    changed = f"crm_orders/{_days(deltas.raw_dir, 'crm_orders')[0]}"
    assert f"Landing table 'crm_orders': file '{changed}' changed after it was loaded" in (
        run.output
    )
    removed = next(
        row[1]
        for row in deltas.runs["nothing_new"].files
        if row[0] == "web_events" and not (deltas.raw_dir / row[1]).exists()
    )
    assert (
        f"Landing table 'web_events': file '{removed}' was loaded (batch 2) and has "
        "disappeared from the landing folder." in run.output
    )
    assert "--full-refresh" in run.output
    assert run.published_sha256 == deltas.runs["nothing_new"].published_sha256


def test_full_refresh_reloads_the_folder_as_it_is_now(deltas: Warehouse) -> None:
    _succeeded(deltas, "full_refresh")
    run = deltas.runs["full_refresh"]
    assert {row[3] for row in run.files} == {1}
    listed = {
        (table, f"{table}/{name}")
        for table in REQUIRED_LANDING_TABLES
        for name in _days(deltas.raw_dir, table)
    }
    assert {(row[0], row[1]) for row in run.files} == listed
    # The changed file's new content is what the warehouse holds now.
    name = f"crm_orders/{_days(deltas.raw_dir, 'crm_orders')[0]}"
    assert next(row[2] for row in run.files if row[1] == name) == _sha256(deltas.raw_dir / name)


def _except_all(left: Path, right: Path, table: str) -> tuple[int, int]:
    with duckdb.connect() as connection:
        connection.execute(f"attach '{left}' as l (read_only)")
        connection.execute(f"attach '{right}' as r (read_only)")
        columns = comparable_columns(connection, "l", table, COUNTS_LANDING_ROWS.get(table, ()))
        counts = []
        for one, other in (("l", "r"), ("r", "l")):
            sql = (
                f"select count(*) from (select {columns} from {one}.marts.{table}"
                f" except all select {columns} from {other}.marts.{table})"
            )
            counts.append(connection.execute(sql).fetchone()[0])
    return counts[0], counts[1]


def test_deltas_and_snapshots_give_the_same_marts(deltas: Warehouse, snapshots: Path) -> None:
    _succeeded(deltas, "three_new")
    from_deltas = deltas.root / "three_new.duckdb"
    # The snapshots repeat versions already delivered: more landing rows, the same marts.
    for table in ("crm_contacts", "crm_orders"):
        sql = f"select count(*) from landing.{table}"
        assert _query(snapshots, sql)[0][0] > _query(from_deltas, sql)[0][0], table
    marts = _marts(snapshots)
    assert marts == _marts(from_deltas)
    differing = {}
    for table in marts:
        counts = _except_all(from_deltas, snapshots, table)
        if counts != (0, 0):
            differing[table] = counts
    assert differing == {}
