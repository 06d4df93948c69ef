"""Write–audit–publish of the warehouse files: the file dashboards read (JOURNEY_DUCKDB_PATH)
and the identity tier (JOURNEY_IDENTITY_DUCKDB_PATH, see journey/privacy.py).

A run builds into a private (0700) folder beside the published file and, only after every
blocking check passed, publishes the finished build: the build itself becomes the identity
tier (0600) and a dashboard file written from it (orchestration/tiers.py) replaces the
published file, each in one rename:

    <dir>/journey.duckdb                        published: what dashboards open
    <dir>/journey.identity.duckdb               published identity tier (owner only)
    <dir>/.journey.duckdb.lock                  held (fcntl) by the run building it; names it
    <dir>/.journey.duckdb.build-<run_id>/       the run's build: journey.duckdb, its dbt pids
    <dir>/.journey.duckdb.build -> …build-<id>  the path dbt is given (see `build_alias`)

A failed check, a crash or `kill -9` at any moment leaves the published file as it was: the
build is a different file until the rename, and the rename is atomic. The next run (holding
the lock, so no live run owns them) removes the build folders of dead runs.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from journey.privacy import identity_path, restrict
from journey.settings import Settings
from orchestration.tiers import DashboardRelation, restrict_identity, write_dashboard

# Seconds a run waits for another run's lock before it refuses (default: refuse at once).
LOCK_TIMEOUT_VARIABLE = "JOURNEY_LOCK_TIMEOUT_SECONDS"
# Test seam: while this file exists, publication waits after the build is sealed and before
# it replaces the warehouse (and creates `<file>.waiting` to say it got there).
PUBLISH_PAUSE_VARIABLE = "JOURNEY_PUBLISH_PAUSE_FILE"
_POLL_SECONDS = 0.2
_ORPHAN_EXIT_SECONDS = 10.0


class WarehouseLocked(RuntimeError):
    """Another run holds the warehouse lock."""


class BuildLockUnavailable(WarehouseLocked):
    """The lock cannot be taken at all: the Postgres database that holds it cannot be reached."""


class PublishError(RuntimeError):
    """The build cannot replace the published warehouse; the published file is untouched."""


def lock_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.lock")


def build_dir(published: Path, build_key: str) -> Path:
    return published.with_name(f".{published.name}.build-{build_key}")


def build_file(published: Path, build_key: str) -> Path:
    """The run's build: the published file's name, so DuckDB's catalog name is the same."""
    return build_dir(published, build_key) / published.name


def build_alias(published: Path) -> Path:
    """The build as dbt sees it: one fixed path per warehouse, a symlinked folder pointing at
    the current run's build folder. dbt hashes the profile (with the file path) into its
    partial-parse state, so a path that changed every run would re-parse the project on every
    dbt call of every run."""
    return published.with_name(f".{published.name}.build") / published.name


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


# ------------------------------------------------------------------------------------ lock


@dataclass
class HeldLock:
    """A lock this process holds for a run, and how many times the run has taken it."""

    run_id: str
    depth: int = 1


@contextmanager
def reentered(held: HeldLock, run_id: str, refusal: Callable[[], str]) -> Iterator[None]:
    """Takes a lock this process already holds once more for the same run; another run is
    refused with the message `refusal` gives."""
    if held.run_id != run_id:
        raise WarehouseLocked(refusal())
    held.depth += 1
    try:
        yield
    finally:
        held.depth -= 1


# Locks this process holds, by lock file: `journey run` takes the lock before the run starts
# and the run's resource takes it again; the second take must not wait for the first.
_HELD: dict[Path, HeldLock] = {}


def lock_timeout() -> float:
    value = os.environ.get(LOCK_TIMEOUT_VARIABLE, "").strip()
    return float(value) if value else 0.0


def describe_holder(path: Path) -> str:
    try:
        holder = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        holder = {}
    if not holder.get("run_id"):
        return "another process (it has not written its run id yet)"
    return (
        f"run {holder['run_id']} (pid {holder.get('pid')} on {holder.get('host')}, "
        f"since {holder.get('since')})"
    )


def locked_message(published: Path, waited: float) -> str:
    path = lock_path(published)
    return (
        f"Warehouse {published} is being built by {describe_holder(path)}: lock file {path} "
        f"is held{f' (waited {waited:.0f}s)' if waited else ''}. Two runs never build it at "
        f"once; wait for that run to finish (or set {LOCK_TIMEOUT_VARIABLE} to wait for it)."
    )


@contextmanager
def warehouse_lock(
    published: Path, run_id: str, *, keep_build: str | None = None, timeout: float | None = None
) -> Iterator[None]:
    """Holds the warehouse's lock for `run_id`; on taking it, removes the build folders of
    dead runs (all but `keep_build`, default the run's own). Raises WarehouseLocked naming the
    holder when another run keeps it longer than `timeout` seconds (default: refuse at once).
    The lock is an fcntl lock on an open file, so a killed run releases it by dying."""
    path = lock_path(published)
    held = _HELD.get(path)
    if held is not None:
        with reentered(held, run_id, lambda: locked_message(published, 0)):
            yield
        return

    published.parent.mkdir(parents=True, exist_ok=True)
    wait = lock_timeout() if timeout is None else timeout
    started = time.monotonic()
    handle = path.open("a+")
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() - started >= wait:
                handle.close()
                raise WarehouseLocked(
                    locked_message(published, time.monotonic() - started)
                ) from None
            time.sleep(_POLL_SECONDS)
    handle.seek(0)
    handle.truncate()
    holder = {
        "run_id": run_id,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    handle.write(json.dumps(holder))
    handle.flush()
    _HELD[path] = HeldLock(run_id)
    try:
        # A publication a crash cut short is finished before its build folder could go.
        finish_publication(published)
        remove_stale_builds(published, keep=keep_build or run_id)
        yield
    finally:
        del _HELD[path]
        handle.truncate(0)
        handle.flush()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


@contextmanager
def run_lock(settings: Settings, run_id: str, *, keep_build: str | None = None) -> Iterator[None]:
    """What a run holds while it builds: the warehouse lock (`warehouse_lock`) and, on
    Postgres, the database's build lock, which other machines' runs meet too
    (`orchestration.postgres_build.database_lock`)."""
    with warehouse_lock(settings.duckdb_path, run_id, keep_build=keep_build):
        if settings.target != "postgres":
            yield
            return
        import psycopg

        from journey.engines import ensure_postgres
        from orchestration.postgres_build import database_lock

        try:
            # The project's local cluster is started unless JOURNEY_PG_PORT names a server.
            ensure_postgres(settings)
        except (psycopg.Error, subprocess.CalledProcessError, AssertionError) as error:
            raise BuildLockUnavailable(
                f"Postgres database {settings.postgres_database} cannot be reached to take its "
                f"build lock: {str(error).strip()}"
            ) from error
        with database_lock(settings, run_id, timeout=lock_timeout()):
            yield


# ---------------------------------------------------------------------------------- builds


def process_start(pid: int) -> str | None:
    """The process's start time (clock ticks since boot), which tells a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Field 22; the command name (field 2) may hold spaces, so count after its ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    return fields[19] if fields[0] != "Z" else None


def record_process(published: Path, build_key: str, pid: int) -> None:
    """Notes a process (a dbt call) writing the run's build, so the next run can stop it if
    this run dies first and leaves it running."""
    start = process_start(pid)
    folder = build_dir(published, build_key)
    if start is not None and folder.is_dir():
        with (folder / "processes").open("a") as handle:
            handle.write(f"{pid} {start}\n")


def _stop_orphans(folder: Path) -> None:
    """SIGKILLs the recorded writers of a dead run's build that still run, and waits for
    them: a dbt process whose run was killed would otherwise keep writing."""
    try:
        lines = (folder / "processes").read_text().split()
    except OSError:
        return
    alive = []
    for pid_text, start in zip(lines[::2], lines[1::2], strict=False):
        pid = int(pid_text)
        if pid != os.getpid() and process_start(pid) == start:
            os.kill(pid, signal.SIGKILL)
            alive.append((pid, start))
    deadline = time.monotonic() + _ORPHAN_EXIT_SECONDS
    while alive and time.monotonic() < deadline:
        alive = [(pid, start) for pid, start in alive if process_start(pid) == start]
        time.sleep(_POLL_SECONDS)


def stale_builds(published: Path, keep: str) -> list[Path]:
    keep_dir = build_dir(published, keep)
    return sorted(
        path
        for path in published.parent.glob(f".{published.name}.build-*")
        if path != keep_dir and path.is_dir()
    )


def remove_stale_builds(published: Path, keep: str) -> list[Path]:
    """Removes the build folders of runs other than `keep`. Call it holding the lock: every
    other build then belongs to a run that died (or failed and left it for inspection)."""
    removed = stale_builds(published, keep)
    for folder in removed:
        _stop_orphans(folder)
        shutil.rmtree(folder, ignore_errors=True)
    return removed


def whole_warehouse(published: Path) -> Path:
    """The published file that holds the whole warehouse of the last run (landing copies and
    their record included): its identity tier, the dashboard file being a reduced copy; a
    warehouse published before the tiers existed is one file."""
    identity = identity_path(published)
    return identity if identity.exists() else published


def create_build(published: Path, build_key: str, *, from_published: bool = False) -> Path:
    """A fresh build file for the run (an empty database; with `from_published`, a copy of the
    published warehouse, for a run that updates rather than rebuilds) and the dbt alias
    pointed at it. Returns the build file."""
    folder = build_dir(published, build_key)
    if folder.exists():
        _stop_orphans(folder)
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    # The build holds every personal value of the landing data: owner only.
    restrict(folder)
    target = folder / published.name
    source = whole_warehouse(published)
    if from_published and source.exists():
        _refuse_pending_wal(source)
        shutil.copyfile(source, target)
        restrict(target)
    alias = build_alias(published).parent
    pointer = alias.with_name(f"{alias.name}.{os.getpid()}.tmp")
    pointer.unlink(missing_ok=True)
    os.symlink(folder.name, pointer)
    os.replace(pointer, alias)
    return target


# --------------------------------------------------------------------------------- publish


@dataclass(frozen=True)
class PublishedRun:
    run_id: str
    landing_folder: str
    landing_fingerprint: str
    landing_files: int
    landing_bytes: int


def _fsync(path: Path, flags: int = os.O_RDONLY) -> None:
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _refuse_pending_wal(database: Path) -> None:
    if wal_path(database).exists():
        raise PublishError(
            f"{wal_path(database)} exists: a process writes {database} directly (a bare "
            "`dbt build`?) or one crashed while writing it. A new file renamed over it would "
            "replay that log; open the warehouse once with DuckDB (or remove the log) first."
        )


def seal_build(build: Path, run: PublishedRun) -> datetime:
    """Records the run in the build (`meta.published_run`), checkpoints and closes it, and
    flushes it to disk: a complete file without a write-ahead log. Returns the time recorded
    (stored as a UTC timestamp without zone, as every timestamp of the warehouse)."""
    published_at = datetime.now(UTC)
    with duckdb.connect(str(build)) as connection:
        connection.execute("create schema if not exists meta")
        connection.execute(
            "create or replace table meta.published_run (run_id varchar, published_at"
            " timestamp, landing_folder varchar, landing_fingerprint varchar, landing_files"
            " bigint, landing_bytes bigint)"
        )
        connection.execute(
            "insert into meta.published_run values (?, ?, ?, ?, ?, ?)",
            [
                run.run_id,
                published_at.replace(tzinfo=None),
                run.landing_folder,
                run.landing_fingerprint,
                run.landing_files,
                run.landing_bytes,
            ],
        )
        connection.execute("checkpoint")
    if wal_path(build).exists():
        raise PublishError(f"{build} still has a write-ahead log after its checkpoint.")
    _fsync(build)
    return published_at


def _pause_for_tests() -> None:
    pause = os.environ.get(PUBLISH_PAUSE_VARIABLE)
    if not pause:
        return
    pause_file = Path(pause)
    if pause_file.exists():
        pause_file.with_name(pause_file.name + ".waiting").touch()
    while pause_file.exists():
        time.sleep(_POLL_SECONDS)


def dashboard_file(build: Path) -> Path:
    """Where publication writes the dashboard file before renaming it: in the build folder,
    under the published file's name (so its catalog name is the same)."""
    return build.parent / "dashboard" / build.name


def _replace_into(source: Path, target: Path) -> None:
    """Renames `source` over `target`; across file systems through a copy beside `target`, so
    the final step is still one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError:
        staged = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(source, staged)
        os.chmod(staged, source.stat().st_mode)
        _fsync(staged)
        os.replace(staged, target)
        source.unlink()
    _fsync(target.parent, os.O_RDONLY | os.O_DIRECTORY)


def replace_published(
    build: Path, published: Path, dashboard: Sequence[DashboardRelation] | None = None
) -> None:
    """Publishes the sealed build and makes the renames durable. With `dashboard` (the
    dashboard-tier relations), the build becomes the identity tier (identity_path, 0600) and a
    dashboard file written from it replaces `published`; without, the build itself replaces
    `published` (one tier). Readers that have an old file open keep reading it; new readers
    open the new one. The two renames of the tiers are written to a journal first
    (publication_journal): a crash between them leaves the pair for the next run, which
    finishes the publication (finish_publication) before anything else."""
    _refuse_pending_wal(published)
    identity = identity_path(published)
    if dashboard is not None:
        _refuse_pending_wal(identity)
        reduced = dashboard_file(build)
        reduced.parent.mkdir(parents=True, exist_ok=True)
        write_dashboard(build, reduced, dashboard)
        _fsync(reduced)
        restrict_identity(build)
    _pause_for_tests()
    if dashboard is None:
        os.replace(build, published)
        _fsync(published.parent, os.O_RDONLY | os.O_DIRECTORY)
    else:
        # The identity file first: until the journal is done, the dashboard file is at most
        # one run older than the identity file, never the reverse.
        journal = publication_journal(published)
        staged = journal.with_name(journal.name + ".tmp")
        staged.write_text(
            json.dumps([[str(build), str(identity)], [str(dashboard_file(build)), str(published)]])
        )
        _fsync(staged)
        os.replace(staged, journal)  # whole or absent: the renames start after it
        _fsync(journal.parent, os.O_RDONLY | os.O_DIRECTORY)
        finish_publication(published)
    shutil.rmtree(build.parent, ignore_errors=True)


def publication_journal(published: Path) -> Path:
    """The renames of a two-tier publication under way, kept until both are done."""
    return published.with_name(f".{published.name}.publishing")


def finish_publication(published: Path) -> bool:
    """Does the renames a publication journal still lists (those whose source is still
    there), then removes the journal; True when there was one. Both files were complete and
    synced before the journal was written, so finishing is always right."""
    journal = publication_journal(published)
    if not journal.is_file():
        return False
    for source, target in json.loads(journal.read_text()):
        if Path(source).exists():
            _replace_into(Path(source), Path(target))
    _fsync(published.parent, os.O_RDONLY | os.O_DIRECTORY)
    journal.unlink()
    _fsync(published.parent, os.O_RDONLY | os.O_DIRECTORY)
    return True
