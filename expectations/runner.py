"""Every suite of the project, and how they are validated.

`SUITES` lists them in the order reports show them: raw tables as they land, then marts from the
customer outwards. `validate_frame` validates one frame (any context; an in-memory one by
default); `run_suites` reads the warehouse (the loaded landing tables and the marts), validates,
keeps every result in the project's file-backed context, remembers each landing table's volume
for the next run's comparison and rebuilds Data Docs. Neither ever passes on nothing (see
verdict): a check that saw no value reports "nothing to check".
"""

from __future__ import annotations

import fcntl
import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import great_expectations as gx
import pandas as pd
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from expectations import checks, docs, marts, raw, thresholds
from expectations.checks import SuiteSpec
from expectations.context import (
    SITE_NAME,
    batch_definition,
    docs_dir,
    ephemeral_context,
    gx_root,
    open_file_context,
    read_table,
)
from expectations.verdict import FailedExpectation, SuiteOutcome, judge, summarise
from journey.contract import TABLES
from journey.settings import Settings

__all__ = [
    "SUITES",
    "FailedExpectation",
    "SuiteOutcome",
    "data_docs_index",
    "run_suites",
    "select",
    "suite",
    "summarise",
    "validate_frame",
]

SUITES: tuple[SuiteSpec, ...] = raw.SUITES + marts.SUITES

# The scheduler's logical date (ISO-8601), when freshness should be judged against it rather
# than against the newest timestamp in the landing folder.
AS_OF_VARIABLE = "JOURNEY_QUALITY_AS_OF"

_RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 10}


# Each landing table's row count at the last run, for the next run's volume comparison.
VOLUMES_FILE = "raw_volumes.json"
NO_PREVIOUS_RUN = "no previous run to compare the volume with"


def suite(name: str) -> SuiteSpec:
    for spec in SUITES:
        if spec.name == name:
            return spec
    known = ", ".join(spec.name for spec in SUITES)
    raise KeyError(f"No expectation suite named {name!r}; known suites: {known}")


def select(layer: str | None = None, names: Iterable[str] | None = None) -> tuple[SuiteSpec, ...]:
    """Suites of one layer and/or with the given names (all when both are None), in registry
    order, or in the order of `names` when given."""
    if layer not in (None, "raw", "mart"):
        raise ValueError(f"layer must be 'raw', 'mart' or None, not {layer!r}")
    chosen = SUITES if names is None else tuple(suite(name) for name in names)
    return tuple(spec for spec in chosen if layer is None or spec.layer == layer)


def data_docs_index(settings: Settings) -> Path:
    return docs_dir(settings.reports_dir) / "index.html"


def validate_frame(
    spec: SuiteSpec,
    frame: pd.DataFrame,
    context: AbstractDataContext | None = None,
    *,
    fresh_after: datetime | None = None,
    previous_rows: int | None = None,
    run_id: RunIdentifier | None = None,
) -> SuiteOutcome:
    """Validates `frame` (the table as read, before `spec.prepare`) against the suite.

    `fresh_after` is the freshness bound for suites that have one; without it the bound is
    the frame's own latest timestamp minus the table's window, which only proves that the
    table has a readable latest timestamp (run_suites passes the landing folder's bound).
    `previous_rows` is the table's volume at the previous run; without it the volume
    comparison has nothing to check.
    """
    outcome, _ = _validate(
        spec, frame, context or ephemeral_context(), fresh_after, previous_rows, run_id
    )
    return outcome


def _validate(
    spec: SuiteSpec,
    frame: pd.DataFrame,
    context: AbstractDataContext,
    fresh_after: datetime | None,
    previous_rows: int | None,
    run_id: RunIdentifier | None,
    load_error: str | None = None,
    keep_in: AbstractDataContext | None = None,
) -> tuple[SuiteOutcome, ValidationResultIdentifier]:
    """Validates in `context`; with `keep_in`, the suite and the judged result are stored
    there as well (run_suites validates in memory and keeps results in the file context,
    because the file context re-reads its YAML configuration on every lookup)."""
    prepared = spec.prepare(frame)
    suite = context.suites.add_or_update(spec.build_suite())
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=spec.name, data=batch_definition(context, spec), suite=suite)
    )
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=spec.name,
            validation_definitions=[definition],
            actions=[],
            result_format=_RESULT_FORMAT,
        )
    )
    parameters = {
        **_freshness(spec, prepared, fresh_after),
        **_volume_band(previous_rows),
    }
    result = checkpoint.run(
        batch_parameters={"dataframe": prepared},
        expectation_parameters=parameters,
        run_id=run_id,
    )
    ((key, validation),) = result.run_results.items()
    unavailable = {checks.PREVIOUS_VOLUME: _no_volume_reason(previous_rows)}
    verdict = judge(
        validation,
        rows=len(prepared),
        load_error=load_error,
        unavailable={k: v for k, v in unavailable.items() if v is not None},
    )
    # Store the judged verdict, so Data Docs show what the run acted on.
    context.validation_results_store.set(key, validation)
    if keep_in is not None:
        keep_in.suites.add_or_update(spec.build_suite())
        keep_in.validation_results_store.set(key, validation)
    outcome = SuiteOutcome(
        suite=spec.name,
        layer=spec.layer,
        table=spec.table,
        severity=spec.severity,
        success=not verdict.failed,
        evaluated=verdict.evaluated,
        passed=verdict.evaluated - len(verdict.failed) - len(verdict.unchecked),
        failed=verdict.failed,
        rows=len(prepared),
        unchecked=verdict.unchecked,
    )
    return outcome, key


def _volume_band(previous_rows: int | None) -> dict[str, Any]:
    """The row-count band around the previous run's volume (see thresholds.VOLUME_CHANGE)."""
    if not previous_rows:
        return {checks.VOLUME_LOW: 0, checks.VOLUME_HIGH: None}
    low, high = thresholds.VOLUME_CHANGE
    return {
        checks.VOLUME_LOW: math.floor(previous_rows * low),
        checks.VOLUME_HIGH: math.ceil(previous_rows * high),
    }


def _no_volume_reason(previous_rows: int | None) -> str | None:
    if previous_rows is None:
        return NO_PREVIOUS_RUN
    if previous_rows == 0:
        return "the previous run had no rows to compare the volume with"
    return None


def _freshness(
    spec: SuiteSpec, prepared: pd.DataFrame, fresh_after: datetime | None
) -> dict[str, Any]:
    if spec.freshness_column is None:
        return {}
    if fresh_after is None:
        latest = _latest(prepared, spec.freshness_column)
        window = timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])
        # No readable timestamp at all: the check has nothing to check, whatever the bound.
        fresh_after = latest - window if latest is not None else datetime.max
    return {checks.FRESH_AFTER: pd.Timestamp(fresh_after).to_pydatetime()}


def _latest(frame: pd.DataFrame, column: str) -> datetime | None:
    if column not in frame or frame[column].isna().all():
        return None
    return pd.Timestamp(frame[column].max()).to_pydatetime()


def run_suites(
    settings: Settings,
    layer: str | None = None,
    names: Iterable[str] | None = None,
    *,
    run_name: str | None = None,
) -> list[SuiteOutcome]:
    """Validates the chosen suites (all by default) against the warehouse at
    `settings.duckdb_path` (landing tables as loaded, and marts), keeps the results under
    `reports_dir/gx` and rebuilds Data Docs under `reports_dir/quality`. `run_name` labels the
    run in Data Docs (e.g. the orchestrator's run id)."""
    specs = select(layer, list(names) if names is not None else None)
    now = datetime.now(UTC)
    run_id = RunIdentifier(run_name=run_name or f"quality_{now:%Y%m%dT%H%M%SZ}", run_time=now)
    frames = _FrameCache(settings, specs)
    reference = _freshness_reference(settings) if any(s.freshness_column for s in specs) else None
    outcomes: list[SuiteOutcome] = []
    identifiers: list[Any] = []
    workspace = ephemeral_context()
    with _exclusive(settings.reports_dir):
        context = open_file_context(settings.reports_dir)
        previous = _read_volumes(settings.reports_dir)
        volumes: dict[str, int] = {}
        for spec in specs:
            frame, error = frames.get(spec)
            fresh_after = None
            if spec.freshness_column and reference is not None:
                window = timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])
                fresh_after = reference - window
            previous_rows = previous.get(spec.table) if spec.layer == "raw" else None
            outcome, key = _validate(
                spec, frame, workspace, fresh_after, previous_rows, run_id, error, keep_in=context
            )
            if spec.layer == "raw" and error is None:
                volumes[spec.table] = len(frame)
            frames.done(spec)
            identifiers += [key, ExpectationSuiteIdentifier(name=spec.name)]
            outcomes.append(outcome)
        _write_volumes(settings.reports_dir, {**previous, **volumes})
        context.build_data_docs(site_names=[SITE_NAME], resource_identifiers=identifiers)
        pages = {
            key.expectation_suite_identifier.name: _page(context, key)
            for key in identifiers
            if isinstance(key, ValidationResultIdentifier)
        }
        docs.write_summary(context, data_docs_index(settings), summarise(outcomes), SUITES)
    index = data_docs_index(settings)
    return [
        replace(outcome, docs_page=pages.get(outcome.suite), docs_index=index)
        for outcome in outcomes
    ]


def _read_volumes(reports_dir: Path) -> dict[str, int]:
    path = gx_root(reports_dir) / VOLUMES_FILE
    if not path.is_file():
        return {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # an unreadable memory is no memory: the comparison has nothing to check
    return {str(table): int(rows) for table, rows in stored.items() if isinstance(rows, int)}


def _write_volumes(reports_dir: Path, volumes: dict[str, int]) -> None:
    path = gx_root(reports_dir) / VOLUMES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(volumes, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _page(context: AbstractDataContext, key: ValidationResultIdentifier) -> Path | None:
    urls = context.get_docs_sites_urls(resource_identifier=key, site_name=SITE_NAME)
    url = urls[0].get("site_url") if urls else None
    return Path(url.removeprefix("file://")).resolve() if url else None


class _FrameCache:
    """Reads each table once per run and lets it go after its last suite, so a large table is
    not held in memory longer than needed. A table that cannot be read becomes an empty frame
    and the reason, so its suites fail visibly (in Data Docs too) instead of stopping the run."""

    def __init__(self, settings: Settings, specs: Iterable[SuiteSpec]) -> None:
        self._settings = settings
        self._frames: dict[tuple[str, str], tuple[pd.DataFrame, str | None]] = {}
        self._uses = Counter((spec.layer, spec.table) for spec in specs)

    def get(self, spec: SuiteSpec) -> tuple[pd.DataFrame, str | None]:
        key = (spec.layer, spec.table)
        if key not in self._frames:
            try:
                frame = read_table(self._settings.duckdb_path, spec.layer, spec.table)
                self._frames[key] = (frame, None)
            except Exception as error:  # any read failure is reported as the suite's failure
                self._frames[key] = (pd.DataFrame(), f"{type(error).__name__}: {error}")
        return self._frames[key]

    def done(self, spec: SuiteSpec) -> None:
        key = (spec.layer, spec.table)
        self._uses[key] -= 1
        if self._uses[key] <= 0:
            self._frames.pop(key, None)


def _freshness_reference(settings: Settings) -> datetime | None:
    """JOURNEY_QUALITY_AS_OF when set, else the newest parseable timestamp of any landing
    table's freshness column: the landing folder's own clock, not today's date. Reads only
    those columns; a table that cannot be read is left out here and reported by its own
    suites."""
    override = os.environ.get(AS_OF_VARIABLE)
    if override:
        stamp = pd.Timestamp(override)
        return (stamp.tz_convert("UTC").tz_localize(None) if stamp.tz else stamp).to_pydatetime()
    latest = []
    for table in TABLES.values():
        column = raw.freshness_column(table)
        try:
            frame = read_table(settings.duckdb_path, "raw", table.name, columns=[column])
        except Exception:  # reported by the table's own suites
            continue
        if column in frame:
            readings = raw.with_readings(frame, table)[raw.utc(column)]
            latest.append(_latest(pd.DataFrame({"at": readings}), "at"))
    found = [value for value in latest if value is not None]
    return max(found) if found else None


@contextmanager
def _exclusive(reports_dir: Path) -> Iterator[None]:
    """One writer at a time: parallel checks of one orchestrated run share the GX store and
    the Data Docs site."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    with (reports_dir / ".gx.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
