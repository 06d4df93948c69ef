"""Every suite of the project, and how they are validated.

`SUITES` lists them in the order reports show them: raw tables as they land, then marts from the
customer outwards. `run_suites` validates the warehouse (the loaded landing tables and the
marts) through GX's SQL engine, so DuckDB computes every metric and no table is held in Python
memory; it keeps every result in the project's file-backed context, remembers each landing
table's volume for the next run's comparison and rebuilds Data Docs. `validate_frame` validates
one small frame the same way, through a temporary DuckDB file. Neither ever passes on nothing (see
verdict): a check that saw no value reports "nothing to check".
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import great_expectations as gx
import pandas as pd
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from expectations import checks, docs, marts, raw, thresholds
from expectations.checks import SuiteSpec
from expectations.context import (
    SCHEMAS,
    SITE_NAME,
    Location,
    batch_definition,
    docs_dir,
    ephemeral_context,
    gx_root,
    landed_columns,
    open_file_context,
    schema_name,
    suite_query,
    table_columns,
)
from expectations.masking import mask_validation
from expectations.sql_engine import fetch, query_batch, release
from expectations.sql_postgres import warehouse_of
from expectations.verdict import FailedExpectation, SuiteOutcome, Verdict, judge, summarise
from journey.contract import TABLES
from journey.privacy import mask_text
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

# Unexpected-value samples stay small: GX fetches them with a LIMIT.
_RESULT_FORMAT = {"result_format": "SUMMARY", "partial_unexpected_count": 5}


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
    """Validates `frame` (the table as read: landing columns as text, blank text missing)
    against the suite, through the same SQL path as run_suites: the frame is written to a
    temporary DuckDB file as the suite's table. For tests and ad-hoc checks of small frames.

    `fresh_after` is the freshness bound for suites that have one; without it the bound is
    the table's own latest timestamp minus the table's window, which only proves that the
    table has a readable latest timestamp (run_suites passes the landing folder's bound).
    `previous_rows` is the table's volume at the previous run; without it the volume
    comparison has nothing to check. With `context`, the suite and its result are kept there.
    """
    with tempfile.TemporaryDirectory(prefix="journey_gx_") as folder:
        path = write_table(Path(folder) / "frame.duckdb", spec.layer, spec.table, frame)
        workspace = ephemeral_context()
        try:
            outcome, _ = _validate(
                spec, path, workspace, fresh_after, previous_rows, run_id, keep_in=context
            )
        finally:
            release(workspace, path)
    return outcome


def write_table(path: Path, layer: str, table: str, frame: pd.DataFrame) -> Path:
    """`frame` as `landing.<table>` (every column as text) or `marts.<table>` of a DuckDB file."""
    schema = SCHEMAS[layer]
    frame = frame.reset_index(drop=True)
    if layer == "mart":
        frame = frame.infer_objects()
    with duckdb.connect(str(path)) as connection:
        connection.execute(f"create schema if not exists {schema}")
        connection.register("frame", frame)
        columns = ", ".join(
            f'cast("{name}" as varchar) as "{name}"' if layer == "raw" else f'"{name}"'
            for name in frame.columns
        )
        connection.execute(
            f'create or replace table {schema}."{table}" as select {columns} from frame'
        )
        connection.unregister("frame")
    return path


def checkpoint_for(
    context: AbstractDataContext, spec: SuiteSpec, data: BatchDefinition
) -> gx.Checkpoint:
    """The suite of `spec` over `data` as a checkpoint in `context` (added, or replaced by
    name), with no actions and the result format every suite is judged in."""
    suite = context.suites.add_or_update(spec.build_suite())
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=spec.name, data=data, suite=suite)
    )
    return context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=spec.name,
            validation_definitions=[definition],
            actions=[],
            result_format=_RESULT_FORMAT,
        )
    )


def _validate(
    spec: SuiteSpec,
    duckdb_path: Location,
    context: AbstractDataContext,
    fresh_after: datetime | None,
    previous_rows: int | None,
    run_id: RunIdentifier | None,
    keep_in: AbstractDataContext | None = None,
) -> tuple[SuiteOutcome, ValidationResultIdentifier]:
    """Validates the suite's query over `duckdb_path` in `context` (GX computes the metrics in
    DuckDB); with `keep_in`, the suite and the judged result are stored there as well
    (run_suites validates in memory and keeps results in the file context, because the file
    context re-reads its YAML configuration on every lookup). A table that cannot be read is
    validated as an empty frame and fails with the reason, so the run goes on."""
    load_error = None
    try:
        present = table_columns(context, duckdb_path, spec.layer, spec.table)
        query = suite_query(spec, present, schema_name(spec.layer, duckdb_path))
        rows = int(fetch(context, duckdb_path, f"select count(*) from ({query}) as suite")[0][0])
        data = query_batch(context, duckdb_path, f"{spec.layer}.{spec.table}", query)
        batch_parameters: dict[str, Any] | None = None
        latest = (
            _latest(context, duckdb_path, query, spec.freshness_column)
            if spec.freshness_column and fresh_after is None
            else None
        )
    except Exception as error:  # any read failure is reported as the suite's failure
        load_error = mask_text(f"{type(error).__name__}: {error}")
        rows, latest = 0, None
        data = batch_definition(context, spec)
        batch_parameters = {"dataframe": pd.DataFrame()}
    checkpoint = checkpoint_for(context, spec, data)
    parameters = {
        **_freshness(spec, latest, fresh_after),
        **_volume_band(previous_rows),
    }
    result = checkpoint.run(
        batch_parameters=batch_parameters,
        expectation_parameters=parameters,
        run_id=run_id,
    )
    ((key, validation),) = result.run_results.items()
    # Before anything reads, stores or renders the result: no personal value in a sample.
    mask_validation(validation)
    unavailable = {checks.PREVIOUS_VOLUME: _no_volume_reason(previous_rows)}
    verdict = judge(
        validation,
        rows=rows,
        load_error=load_error,
        unavailable={k: v for k, v in unavailable.items() if v is not None},
    )
    # Store the judged verdict, so Data Docs show what the run acted on.
    context.validation_results_store.set(key, validation)
    if keep_in is not None:
        keep_in.suites.add_or_update(spec.build_suite())
        keep_in.validation_results_store.set(key, validation)
    return suite_outcome(spec, verdict, rows), key


def suite_outcome(spec: SuiteSpec, verdict: Verdict, rows: int) -> SuiteOutcome:
    """A suite's outcome from its verdict: passed are the expectations evaluated that neither
    failed nor had nothing to check."""
    return SuiteOutcome(
        suite=spec.name,
        layer=spec.layer,
        table=spec.table,
        severity=spec.severity,
        success=not verdict.failed,
        evaluated=verdict.evaluated,
        passed=verdict.evaluated - len(verdict.failed) - len(verdict.unchecked),
        failed=verdict.failed,
        rows=rows,
        unchecked=verdict.unchecked,
    )


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
    spec: SuiteSpec, latest: datetime | None, fresh_after: datetime | None
) -> dict[str, Any]:
    if spec.freshness_column is None:
        return {}
    if fresh_after is None:
        window = timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])
        # No readable timestamp at all: the check has nothing to check, whatever the bound.
        fresh_after = latest - window if latest is not None else datetime.max
    return {checks.FRESH_AFTER: pd.Timestamp(fresh_after).to_pydatetime()}


def _latest(
    context: AbstractDataContext, duckdb_path: Location, query: str, column: str
) -> datetime | None:
    ((latest,),) = fetch(context, duckdb_path, f'select max("{column}") from ({query}) as suite')
    return latest


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
    # The DuckDB file, or on the postgres target the database (its schemas with the suffix).
    path = warehouse_of(settings) if settings.target == "postgres" else settings.duckdb_path
    outcomes: list[SuiteOutcome] = []
    identifiers: list[Any] = []
    workspace = ephemeral_context()
    with _exclusive(settings.reports_dir):
        context = open_file_context(settings.reports_dir)
        previous = _read_volumes(settings.reports_dir)
        volumes: dict[str, int] = {}
        try:
            reference = (
                _freshness_reference(workspace, path)
                if any(s.freshness_column for s in specs)
                else None
            )
            for position, spec in enumerate(specs):
                fresh_after = None
                if spec.freshness_column and reference is not None:
                    window = timedelta(days=thresholds.FRESHNESS_WINDOW_DAYS[spec.table])
                    fresh_after = reference - window
                previous_rows = previous.get(spec.table) if spec.layer == "raw" else None
                outcome, key = _validate(
                    spec, path, workspace, fresh_after, previous_rows, run_id, keep_in=context
                )
                if spec.layer == "raw" and not any(
                    f.expectation == "table_is_readable" for f in outcome.failed
                ):
                    volumes[spec.table] = outcome.rows
                following = specs[position + 1] if position + 1 < len(specs) else None
                if following is None or following.layer != spec.layer:
                    # Each layer lets the file go when done, so a later build step can open it.
                    release(workspace, path)
                identifiers += [key, ExpectationSuiteIdentifier(name=spec.name)]
                outcomes.append(outcome)
        finally:
            release(workspace, path)
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


def _freshness_reference(context: AbstractDataContext, duckdb_path: Location) -> datetime | None:
    """JOURNEY_QUALITY_AS_OF when set, else the newest parseable timestamp of any landing
    table's freshness column: the landing folder's own clock, not today's date. Computed in
    DuckDB; a table that cannot be read is left out here and reported by its own suites."""
    override = os.environ.get(AS_OF_VARIABLE)
    if override:
        stamp = pd.Timestamp(override)
        return (stamp.tz_convert("UTC").tz_localize(None) if stamp.tz else stamp).to_pydatetime()
    latest = []
    for table in TABLES.values():
        try:
            present = table_columns(context, duckdb_path, "raw", table.name)
            if raw.freshness_column(table) not in present:
                continue
            landing = schema_name("raw", duckdb_path)
            read = f"select {', '.join(landed_columns('raw', present))} from {landing}.{table.name}"
            ((found,),) = fetch(
                context,
                duckdb_path,
                f"select max({raw.sql_freshness(table)}) from ({read}) as landed",
            )
        except Exception:  # reported by the table's own suites
            continue
        if found is not None:
            latest.append(found)
    return max(latest) if latest else None


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
