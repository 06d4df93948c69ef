"""Write–audit–publish end to end: `journey run` processes on one warehouse, failing, killed
with SIGKILL, racing and read while they run. The published file must stay byte for byte what
it was until a run passes every check, and a later run must succeed without manual cleanup.

The tests share one workspace (landing folder, warehouse path, run history) and run in order:
each starts from what the previous one left behind (stale builds, an orphaned dbt process),
which is what the next run must cope with. Each also passes on its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from journey.settings import PROJECT_DIR
from orchestration.warehouse import (
    PUBLISH_PAUSE_VARIABLE,
    build_dir,
    lock_path,
    process_start,
    stale_builds,
)

pytestmark = pytest.mark.slow

RUN_TIMEOUT = 900


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _published_run(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute("select run_id from meta.published_run").fetchone()[0]


def _dbt_child(parent: int, command: str) -> int | None:
    """The pid of a running `dbt <command>` started by `parent`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        words = [part.decode(errors="replace") for part in argv]
        if ppid == parent and any(w.endswith("dbt") for w in words) and command in words:
            return int(entry.name)
    return None


def _wait_for(condition, what: str, process: subprocess.Popen[bytes]) -> object:
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process.poll() is not None:
            raise AssertionError(f"the run ended (code {process.returncode}) before {what}")
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Workspace:
    root: Path
    source_landing: Path
    # What earlier scenarios left for later ones (an orphaned dbt process: pid, start time).
    orphan: tuple[int, str] | None = None
    logs: list[Path] = field(default_factory=list)

    @property
    def raw_dir(self) -> Path:
        return self.root / "raw"

    @property
    def published(self) -> Path:
        return self.root / "warehouse" / "journey.duckdb"

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "JOURNEY_RAW_DIR": str(self.raw_dir),
            "JOURNEY_DUCKDB_PATH": str(self.published),
            "JOURNEY_REPORTS_DIR": str(self.root / "reports"),
            "DAGSTER_HOME": str(self.root / "dagster_home"),
            "DBT_TARGET_PATH": str(self.root / "target"),
            "DBT_LOG_PATH": str(self.root / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            **extra,
        }

    def start(self, cwd: Path = PROJECT_DIR, **extra: str) -> subprocess.Popen[bytes]:
        """`journey run` (as `python -m orchestration.cli run`, so a project copy in `cwd` is
        the code that runs) in its own process group; output in a log file."""
        log = self.root / f"run-{len(self.logs)}.log"
        self.logs.append(log)
        with log.open("wb") as handle:
            return subprocess.Popen(
                [sys.executable, "-m", "orchestration.cli", "run"],
                cwd=cwd,
                env=self.env(**extra),
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def finish(self, process: subprocess.Popen[bytes]) -> tuple[int, str]:
        code = process.wait(timeout=RUN_TIMEOUT)
        return code, self.logs[-1].read_text(errors="replace")

    def run(self, cwd: Path = PROJECT_DIR, **extra: str) -> tuple[int, str]:
        return self.finish(self.start(cwd, **extra))


@pytest.fixture(scope="module")
def workspace(
    tmp_path_factory: pytest.TempPathFactory, generated_landing: Path
) -> Iterator[Workspace]:
    """A landing folder and a warehouse published by one successful run."""
    space = Workspace(tmp_path_factory.mktemp("publish"), generated_landing)
    shutil.copytree(generated_landing, space.raw_dir)
    code, output = space.run()
    assert code == 0, output[-4000:]
    yield space
    if space.orphan and process_start(space.orphan[0]) == space.orphan[1]:
        os.kill(space.orphan[0], signal.SIGKILL)


def _copy_project(target: Path) -> Path:
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT_DIR, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, tracked):
        source = PROJECT_DIR / name.decode()
        if source.is_file():
            (target / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name.decode())
    return target


def test_failing_dbt_test_publishes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    before, published_run = _sha256(workspace.published), _published_run(workspace.published)
    project = _copy_project(tmp_path / "project")
    # A stage rule naming a stage that does not exist: the seed's relationships test fails.
    with (project / "seeds" / "stage_map.csv").open("a") as handle:
        handle.write("zz_unknown_touchpoint,web_events,1,,,no_such_stage,\n")

    code, output = workspace.run(cwd=project, DBT_TARGET_PATH=str(tmp_path / "target"))

    assert code != 0, output[-3000:]
    assert "relationships_stage_map_stage" in output
    assert f"Warehouse {workspace.published} was not replaced" in output
    assert _sha256(workspace.published) == before
    assert _published_run(workspace.published) == published_run


def test_kill_during_the_dbt_build_leaves_the_warehouse_unchanged(workspace: Workspace) -> None:
    before, published_run = _sha256(workspace.published), _published_run(workspace.published)
    run = workspace.start()
    dbt = _wait_for(lambda: _dbt_child(run.pid, "build"), "dbt build started", run)
    time.sleep(3)
    start = process_start(dbt)
    assert start is not None, "dbt build ended before the kill"

    # Only the run's own process: its dbt build is orphaned and goes on writing its build.
    os.kill(run.pid, signal.SIGKILL)
    run.wait()

    assert _sha256(workspace.published) == before
    assert _published_run(workspace.published) == published_run
    assert stale_builds(workspace.published, keep="none")
    workspace.orphan = (dbt, start)


def test_kill_during_publication_leaves_the_warehouse_unchanged(workspace: Workspace) -> None:
    before, published_run = _sha256(workspace.published), _published_run(workspace.published)
    pause = workspace.root / "pause-publication"
    pause.touch()
    run = workspace.start(**{PUBLISH_PAUSE_VARIABLE: str(pause)})
    # The run's lock removes dead runs' builds and stops the dbt process they left running.
    if workspace.orphan:
        pid, start = workspace.orphan
        _wait_for(lambda: process_start(pid) != start, "the orphaned dbt stopped", run)
    waiting = pause.with_name(pause.name + ".waiting")
    _wait_for(waiting.exists, "publication reached", run)
    run_id = json.loads(lock_path(workspace.published).read_text())["run_id"]
    sealed = build_dir(workspace.published, run_id) / workspace.published.name
    assert sealed.is_file() and not Path(f"{sealed}.wal").exists()

    os.killpg(run.pid, signal.SIGKILL)
    run.wait()

    assert _sha256(workspace.published) == before
    assert _published_run(workspace.published) == published_run


def test_next_run_publishes_while_a_reader_keeps_its_snapshot_and_a_second_run_is_refused(
    workspace: Workspace,
) -> None:
    old_run = _published_run(workspace.published)
    reader = duckdb.connect(str(workspace.published), read_only=True)
    try:
        old_rows = reader.execute("select count(*) from marts.fct_touchpoints").fetchone()
        pause = workspace.root / "pause-next"
        pause.touch()
        run = workspace.start(**{PUBLISH_PAUSE_VARIABLE: str(pause)})
        _wait_for(pause.with_name(pause.name + ".waiting").exists, "publication reached", run)
        run_id = json.loads(lock_path(workspace.published).read_text())["run_id"]

        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "orchestration.cli", "run"],
            cwd=PROJECT_DIR,
            env=workspace.env(),
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
        )
        assert second.returncode != 0
        assert "refused" in second.stderr
        assert str(lock_path(workspace.published)) in second.stderr
        assert f"run {run_id}" in second.stderr
        assert time.monotonic() - started < 60

        pause.unlink()
        code, output = workspace.finish(run)
        assert code == 0, output[-4000:]
        # The open connection still reads the file it opened.
        assert reader.execute("select run_id from meta.published_run").fetchone() == (old_run,)
        assert reader.execute("select count(*) from marts.fct_touchpoints").fetchone() == old_rows
    finally:
        reader.close()

    assert _published_run(workspace.published) == run_id != old_run
    with duckdb.connect(str(workspace.published), read_only=True) as connection:
        assert connection.execute("select count(*) from meta.landing_files").fetchone() == (9,)
    # Dead runs' builds are gone, and so is the published run's own.
    assert stale_builds(workspace.published, keep="none") == []


def test_landing_file_changed_during_the_run_publishes_nothing(workspace: Workspace) -> None:
    before, published_run = _sha256(workspace.published), _published_run(workspace.published)
    run = workspace.start()
    _wait_for(lambda: _dbt_child(run.pid, "build"), "dbt build started", run)
    # A late export rewrites one table while the run builds from the earlier one.
    with (workspace.raw_dir / "survey_nps.csv").open("a") as handle:
        handle.write("late-1,late@example.com,9,,2024-01-01 00:00:00\n")

    code, output = workspace.finish(run)

    assert code != 0, output[-3000:]
    assert "survey_nps.csv: changed (content" in output
    assert "Nothing published" in output
    assert _sha256(workspace.published) == before
    assert _published_run(workspace.published) == published_run
