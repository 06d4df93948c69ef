"""The dbt project as Dagster sees it, with a manifest that is never older than the code."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from dagster_dbt import DbtCliResource, DbtProject
from filelock import FileLock
from packaging import version

from journey.dbt_runner import dbt_executable
from journey.settings import PROJECT_DIR

# Folders dbt reads when it parses, as named in dbt_project.yml (defaults where unset).
_PATH_KEYS: dict[str, list[str]] = {
    "model-paths": ["models"],
    "seed-paths": ["seeds"],
    "macro-paths": ["macros"],
    "test-paths": ["tests"],
    "snapshot-paths": ["snapshots"],
    "analysis-paths": ["analyses"],
}
_PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "packages.yml", "dependencies.yml")
# Several processes (UI code server, run workers, tests) may load the code at once.
_PARSE_LOCK_TIMEOUT_SECONDS = 300
PARTIAL_PARSE = "partial_parse.msgpack"
# Beside a job call's parse state: the parse_state_key it was parsed for.
PARSE_KEY = "partial_parse.key"
_SECRET_SUFFIXES = ("_KEY", "_PASSWORD")


@contextmanager
def exported_environment(values: dict[str, str]) -> Iterator[None]:
    """Sets environment variables for the dbt subprocesses started inside, then restores them.

    DbtCliResource hands dbt a copy of os.environ and has no other way to pass variables;
    restoring keeps several in-process runs (tests, `journey run`) from leaking into each other.
    """
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def dbt_target_dir() -> Path:
    """dbt's target folder: DBT_TARGET_PATH when set (relative to the project), else target/."""
    configured = Path(os.environ.get("DBT_TARGET_PATH") or "target")
    return configured if configured.is_absolute() else PROJECT_DIR / configured


def parse_state_key(args: Sequence[str]) -> str:
    """What a dbt call's parse state depends on besides the project files: its `--vars` and
    the environment the profile and project read (JOURNEY_*), as set by `dbt_environment`.
    Secrets (the privacy key, a database password) stay out: the key is written to disk."""
    variables = [value for flag, value in itertools.pairwise(args) if flag == "--vars"]
    environment = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name.startswith("JOURNEY_") and not name.endswith(_SECRET_SUFFIXES)
    )
    digest = hashlib.sha256(json.dumps([variables, environment]).encode())
    return digest.hexdigest()


def invocation_target_dir(purpose: str, args: Sequence[str] | None = None) -> Path:
    """A fixed target folder per kind of dbt call made by the job (`build`, `docs`).

    dagster-dbt otherwise writes each call to a new folder (about 15 MB per build), which a
    daily schedule would pile up without end. Reuse is safe because runs never overlap: the
    instance queues one run at a time, and two runs could not share the DuckDB file anyway.

    With the call's `args`, the folder also gets the best parse state (`partial_parse.msgpack`)
    of the job's kinds of call: the newest one parsed with the same `--vars` and environment
    (PARSE_KEY beside it says which), else the newest of any. The calls of one run share their
    profile, and all but the erasure pass their vars, so only the first call of a run parses the
    whole project, and the erasure pass does not make the build after it parse again. dbt checks
    the state against its vars, profile and files and parses everything again when any differs,
    so a state from another call is never wrong, only slow.
    """
    root = dbt_target_dir() / "dagster"
    folder = root / purpose
    if args is None:
        return folder
    key = parse_state_key(args)
    states = sorted(
        root.glob(f"*/{PARTIAL_PARSE}"), key=lambda path: path.stat().st_mtime_ns, reverse=True
    )
    matching = [path for path in states if _state_key(path) == key]
    best = (matching or states or [None])[0]
    folder.mkdir(parents=True, exist_ok=True)
    own = folder / PARTIAL_PARSE
    if best is not None and best != own:
        shutil.copy2(best, own)
    # The state dbt leaves here after this call is parsed for `key`.
    (folder / PARSE_KEY).write_text(key)
    return folder


def _state_key(state: Path) -> str | None:
    recorded = state.with_name(PARSE_KEY)
    return recorded.read_text() if recorded.is_file() else None


class JourneyDbtCli(DbtCliResource):
    """dagster-dbt's dbt CLI resource without the two things it does before dbt calls that
    this project never needs, together 4 to 6 s of a small daily run.

    - It opens a dbt adapter in process (loading project, profile and macros: about 1.3 s a
      call) for `fetch_row_counts` and `fetch_column_metadata` only, which no asset here calls;
      `invocation.adapter` is None instead.
    - It starts `dbt --version` once per run to learn the version of the executable; the
      executable is always this environment's own dbt (`dbt_executable()`), so the installed
      dbt-core's version is the answer.
    """

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> Any:
        return None

    @cached_property
    def _cli_version(self) -> version.Version:
        from dbt.version import __version__

        return version.parse(__version__)


def journey_dbt_cli(project: DbtProject) -> JourneyDbtCli:
    return JourneyDbtCli(project_dir=project, dbt_executable=dbt_executable())


def journey_dbt_project() -> DbtProject:
    return DbtProject(
        project_dir=PROJECT_DIR,
        profiles_dir=PROJECT_DIR,
        target_path=dbt_target_dir(),
    )


def _parsed_paths(project_dir: Path) -> Iterator[Path]:
    config = yaml.safe_load((project_dir / "dbt_project.yml").read_text()) or {}
    for key, default in _PATH_KEYS.items():
        for folder in config.get(key) or default:
            root = project_dir / folder
            if root.exists():
                # Directories too: deleting a file only changes its folder's mtime.
                yield root
                yield from root.rglob("*")
    for name in _PROJECT_FILES:
        if (project_dir / name).exists():
            yield project_dir / name


def manifest_is_stale(project: DbtProject) -> bool:
    """True when manifest.json is missing or older than any file dbt would parse."""
    manifest = project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    return any(path.stat().st_mtime > built for path in _parsed_paths(project.project_dir))


def prepare_manifest(
    project: DbtProject, environment: dict[str, str] | None = None, dbt_vars: str | None = None
) -> Path:
    """Runs `dbt parse` when the manifest is missing or stale, so a fresh clone loads.

    dagster-dbt's `prepare_if_dev` re-parses only under `dagster dev` (and calls a `dbt` found
    on PATH); an in-process run or `dagster definitions validate` on a fresh clone would find
    no manifest at all. `environment` and `dbt_vars` are what the runs' dbt calls will see: dbt
    keeps the profile (with the warehouse path), the `--vars` and the environment variables
    that macros read in its partial-parse state, so a run whose calls see the same reuses this
    parse instead of parsing the whole project again.
    """
    manifest = project.manifest_path
    if not manifest_is_stale(project):
        return manifest
    manifest.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(manifest.with_suffix(".parse-lock"), timeout=_PARSE_LOCK_TIMEOUT_SECONDS):
        # Another process may have parsed while this one waited for the lock.
        if manifest_is_stale(project):
            dbt = journey_dbt_cli(project)
            args = ["parse", "--quiet", *(["--vars", dbt_vars] if dbt_vars else [])]
            with exported_environment(environment or {}):
                dbt.cli(args, target_path=project.target_path).wait()
    return manifest
