"""Test harness: real dbt builds on hand-written landing folders in a temporary DuckDB file."""

from __future__ import annotations

import atexit
import csv
import hashlib
import io
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from journey.contract import LANDING_COLUMNS, LANDING_TABLES, landing_places  # noqa: E402
from journey.dbt_runner import dbt_executable  # noqa: E402
from journey.generate import generate  # noqa: E402


def comparable_columns(
    connection: duckdb.DuckDBPyConnection,
    database: str,
    table: str,
    excluded: Sequence[str] = (),
    schema: str = "marts",
) -> str:
    """The select list that compares two builds of one table row for row: doubles rounded to
    1e-9, as `journey parity` compares marts: two engines, or two load paths, may compute the
    same double in ways that differ in its last bits (the marts' own sums of doubles are
    order-free: journey_exact_sum)."""
    typed = connection.execute(
        "select column_name, data_type from duckdb_columns()"
        " where database_name = ? and schema_name = ? and table_name = ? order by column_index",
        [database, schema, table],
    ).fetchall()
    return ", ".join(
        f'round("{name}", 9) as "{name}"' if kind in ("DOUBLE", "FLOAT") else f'"{name}"'
        for name, kind in typed
        if name not in excluded
    )


def csv_text(table: str, rows: Sequence[Mapping[str, str]]) -> str:
    """A landing CSV for `table`: SPEC header, the given rows (missing columns empty)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LANDING_COLUMNS[table], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in LANDING_COLUMNS[table]})
    return buffer.getvalue()


def write_landing(raw_dir: Path, tables: Mapping[str, Sequence[Mapping[str, str]]]) -> Path:
    """Writes every landing table as CSV (header only where no rows are given)."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    for table in LANDING_TABLES:
        if landing_places(raw_dir, table):
            continue
        (raw_dir / f"{table}.csv").write_text(csv_text(table, tables.get(table, [])))
    return raw_dir


@dataclass
class Warehouse:
    raw_dir: Path
    duckdb_path: Path
    result: subprocess.CompletedProcess[str]
    # The dbt artifacts of the call (manifest, run results, semantic manifest).
    target_dir: Path

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with duckdb.connect(str(self.duckdb_path), read_only=True) as connection:
            return connection.execute(sql, list(params)).fetchall()

    def records(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, object]]:
        with duckdb.connect(str(self.duckdb_path), read_only=True) as connection:
            cursor = connection.execute(sql, list(params))
            names = [description[0] for description in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def copy(self, folder: Path) -> Warehouse:
        """The same warehouse in a file of its own under `folder`, free to change."""
        folder.mkdir(parents=True, exist_ok=True)
        duckdb_path = Path(shutil.copy(self.duckdb_path, folder / self.duckdb_path.name))
        return Warehouse(self.raw_dir, duckdb_path, self.result, self.target_dir)


class _ParseReuse:
    """Lets every dbt call of the session reuse one parse of the project.

    dbt keeps its parse in target/partial_parse.msgpack and reuses it only when the profile is
    unchanged, and the profile holds the warehouse path. So every call sees the warehouse
    through one fixed folder, a symlink pointed at the warehouse's real folder just before the
    call (calls run one at a time), and every call starts from the latest parse state of its
    key (vars, target, file name). dbt itself still checks that state (project files, environment
    variables the project reads) and parses again whatever changed.
    """

    def __init__(self) -> None:
        self._root: Path | None = None

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="journey-dbt-"))
            atexit.register(shutil.rmtree, self._root, ignore_errors=True)
        return self._root

    def warehouse_path(self, duckdb_path: Path) -> Path:
        """`duckdb_path` through the fixed folder."""
        folder = duckdb_path.parent.resolve()
        folder.mkdir(parents=True, exist_ok=True)
        alias = self.root / "warehouse"
        pointer = self.root / "warehouse.new"
        pointer.unlink(missing_ok=True)
        pointer.symlink_to(folder, target_is_directory=True)
        os.replace(pointer, alias)
        return alias / duckdb_path.name

    def _state(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        return self.root / "parse" / f"{digest}.msgpack"

    def before(self, key: str, target: Path) -> None:
        # Also over the state an earlier call left in `target`: calls with other vars (a load
        # without, a build with) take turns in one folder, and each would parse it all again.
        state = self._state(key)
        if state.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(state, target / PARSE_STATE)

    def after(self, key: str, target: Path) -> None:
        if (target / PARSE_STATE).is_file():
            self._state(key).parent.mkdir(exist_ok=True)
            shutil.copyfile(target / PARSE_STATE, self._state(key))


PARSE_STATE = "partial_parse.msgpack"
_PARSE_REUSE = _ParseReuse()


def run_dbt(
    args: Sequence[str], raw_dir: Path, duckdb_path: Path, work_dir: Path
) -> subprocess.CompletedProcess[str]:
    target = work_dir / "target"
    env = {
        **os.environ,
        "JOURNEY_RAW_DIR": str(raw_dir),
        "JOURNEY_DUCKDB_PATH": str(_PARSE_REUSE.warehouse_path(duckdb_path)),
        "DBT_TARGET_PATH": str(target),
        "DBT_LOG_PATH": str(work_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    # What the parse depends on besides the project files: the warehouse's file name (its
    # catalog), the target and `--vars`. Another key only means a full parse.
    variables = [arg for flag, arg in itertools.pairwise(args) if flag == "--vars"]
    key = "\0".join([duckdb_path.name, env.get("JOURNEY_TARGET", ""), *variables])
    _PARSE_REUSE.before(key, target)
    completed = subprocess.run(
        [dbt_executable(), *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    _PARSE_REUSE.after(key, target)
    return completed


BuildWarehouse = Callable[..., Warehouse]


@pytest.fixture(scope="session")
def build_warehouse(tmp_path_factory: pytest.TempPathFactory) -> BuildWarehouse:
    """Runs `dbt build` (or other dbt args) on a landing folder; returns the warehouse."""

    def build(
        raw_dir: Path,
        args: Sequence[str] = ("build",),
        check: bool = True,
        duckdb_path: Path | None = None,
        unit_tests: bool = False,
    ) -> Warehouse:
        """`duckdb_path` reuses an earlier build's warehouse (a fresh one when None).

        A `build` leaves dbt's unit tests out unless `unit_tests` (or its own
        `--exclude-resource-type`) says otherwise: they test the models' logic on their own
        fixed rows, whatever the landing data, so the demo build runs them once per session.
        """
        if list(args[:1]) == ["build"] and not unit_tests and "--exclude-resource-type" not in args:
            args = [*args, "--exclude-resource-type", "unit_test"]
        work_dir = tmp_path_factory.mktemp("dbt")
        duckdb_path = duckdb_path or work_dir / "warehouse.duckdb"
        result = run_dbt(args, raw_dir, duckdb_path, work_dir)
        if check and result.returncode != 0:
            pytest.fail(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}")
        return Warehouse(raw_dir, duckdb_path, result, work_dir / "target")

    return build


# The demo data of `make test` (and of the README): one landing folder and one full build per
# session, shared by every test that only reads the marts; tests that change the warehouse
# work on `Warehouse.copy`.
DEMO_PERSONS = 400
DEMO_SEED = 7


@pytest.fixture(scope="session")
def demo_landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated demo landing data (CSV); copy it before changing it."""
    raw_dir = tmp_path_factory.mktemp("demo") / "landing"
    generate(raw_dir, persons=DEMO_PERSONS, seed=DEMO_SEED, fmt="csv", progress=False)
    return raw_dir


@pytest.fixture(scope="session")
def demo_warehouse(demo_landing: Path, build_warehouse: BuildWarehouse) -> Warehouse:
    """`dbt build` of the demo landing data, every dbt test and unit test passing; read it,
    never change it."""
    return build_warehouse(demo_landing, unit_tests=True)
