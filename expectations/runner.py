"""Validates suites against their tables and renders Data Docs.

`validate_frame` validates one frame (any context; an in-memory one by default);
`run_suites` reads the landing folder and the warehouse, validates, keeps every result in the
project's file-backed context and rebuilds Data Docs. Neither ever passes on nothing: an empty
frame, a suite that evaluated no expectation, or an expectation that saw no value is a failure.
"""

from __future__ import annotations

import fcntl
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

from expectations import checks, docs_site, thresholds
from expectations.context import (
    SITE_NAME,
    batch_definition,
    docs_dir,
    ephemeral_context,
    open_file_context,
)
from expectations.data import load_mart_frame, load_raw_frame
from expectations.derive import parse_utc, source_column
from expectations.outcome import FailedExpectation, SuiteOutcome, summarise
from expectations.registry import SUITES, select
from expectations.spec import SuiteSpec
from expectations.verdict import judge
from journey.settings import Settings

__all__ = [
    "FailedExpectation",
    "SuiteOutcome",
    "data_docs_index",
    "run_suites",
    "summarise",
    "validate_frame",
]

# The scheduler's logical date (ISO-8601), when freshness should be judged against it rather
# than against the newest timestamp in the landing folder.
AS_OF_VARIABLE = "JOURNEY_QUALITY_AS_OF"

_RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 10}


def data_docs_index(settings: Settings) -> Path:
    return docs_dir(settings.reports_dir) / "index.html"


def validate_frame(
    spec: SuiteSpec,
    frame: pd.DataFrame,
    context: AbstractDataContext | None = None,
    *,
    fresh_after: datetime | None = None,
    run_id: RunIdentifier | None = None,
) -> SuiteOutcome:
    """Validates `frame` (the table as read, before `spec.prepare`) against the suite.

    `fresh_after` is the freshness bound for suites that have one; without it the bound is
    the frame's own latest timestamp minus the table's window, which only proves that the
    table has a readable latest timestamp (run_suites passes the landing folder's bound).
    """
    outcome, _ = _validate(spec, frame, context or ephemeral_context(), fresh_after, run_id)
    return outcome


def _validate(
    spec: SuiteSpec,
    frame: pd.DataFrame,
    context: AbstractDataContext,
    fresh_after: datetime | None,
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
    parameters = _parameters(spec, prepared, fresh_after)
    result = checkpoint.run(
        batch_parameters={"dataframe": prepared},
        expectation_parameters=parameters,
        run_id=run_id,
    )
    ((key, validation),) = result.run_results.items()
    verdict = judge(validation, rows=len(prepared), load_error=load_error)
    if verdict.changed:
        # Store the stricter verdict, so Data Docs show what the run acted on.
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
        passed=verdict.evaluated - len(verdict.failed),
        failed=verdict.failed,
        rows=len(prepared),
    )
    return outcome, key


def _parameters(
    spec: SuiteSpec, prepared: pd.DataFrame, fresh_after: datetime | None
) -> dict[str, Any]:
    if spec.freshness_column is None:
        return {}
    if fresh_after is None:
        latest = _latest(prepared, spec.freshness_column)
        window = timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])
        # No readable timestamp at all: a bound no data can meet, so the check fails.
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
    """Validates the chosen suites (all by default) against the landing folder and the
    warehouse, keeps the results under `reports_dir/gx` and rebuilds Data Docs under
    `reports_dir/quality`. `run_name` labels the run in Data Docs (e.g. the orchestrator's
    run id)."""
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
        for spec in specs:
            frame, error = frames.get(spec)
            fresh_after = None
            if spec.freshness_column and reference is not None:
                window = timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])
                fresh_after = reference - window
            outcome, key = _validate(
                spec, frame, workspace, fresh_after, run_id, error, keep_in=context
            )
            frames.done(spec)
            identifiers += [key, ExpectationSuiteIdentifier(name=spec.name)]
            outcomes.append(outcome)
        context.build_data_docs(site_names=[SITE_NAME], resource_identifiers=identifiers)
        pages = {
            key.expectation_suite_identifier.name: _page(context, key)
            for key in identifiers
            if isinstance(key, ValidationResultIdentifier)
        }
        docs_site.write_summary(context, data_docs_index(settings), summarise(outcomes))
    index = data_docs_index(settings)
    return [
        replace(outcome, docs_page=pages.get(outcome.suite), docs_index=index)
        for outcome in outcomes
    ]


def _page(context: AbstractDataContext, key: ValidationResultIdentifier) -> Path | None:
    urls = context.get_docs_sites_urls(resource_identifier=key, site_name=SITE_NAME)
    url = urls[0].get("site_url") if urls else None
    return Path(url.removeprefix("file://")).resolve() if url else None


class _FrameCache:
    """Reads each table once per run and lets it go after its last suite, so a large landing
    folder is not held in memory whole. A table that cannot be read becomes an empty frame and
    the reason, so its suites fail visibly (in Data Docs too) instead of stopping the run."""

    def __init__(self, settings: Settings, specs: Iterable[SuiteSpec]) -> None:
        self._settings = settings
        self._frames: dict[tuple[str, str], tuple[pd.DataFrame, str | None]] = {}
        self._uses = Counter((spec.layer, spec.table) for spec in specs)

    def get(self, spec: SuiteSpec) -> tuple[pd.DataFrame, str | None]:
        key = (spec.layer, spec.table)
        if key not in self._frames:
            try:
                if spec.layer == "raw":
                    frame = load_raw_frame(self._settings.raw_dir, spec.table)
                else:
                    frame = load_mart_frame(self._settings.duckdb_path, spec.table)
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
    """JOURNEY_QUALITY_AS_OF when set, else the newest parseable timestamp of any raw table's
    freshness column: the landing folder's own clock, not today's date. Reads only those
    columns; a table that cannot be read is left out here and reported by its own suites."""
    override = os.environ.get(AS_OF_VARIABLE)
    if override:
        stamp = pd.Timestamp(override)
        return (stamp.tz_convert("UTC").tz_localize(None) if stamp.tz else stamp).to_pydatetime()
    latest = []
    for spec in SUITES:
        if spec.layer == "raw" and spec.freshness_column:
            column = source_column(spec.freshness_column)
            try:
                frame = load_raw_frame(settings.raw_dir, spec.table, columns=[column])
            except (OSError, ValueError):
                continue
            if column in frame:
                latest.append(_latest(pd.DataFrame({"at": parse_utc(frame[column])}), "at"))
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
