"""Where the suites get their tables and keep their results.

Tables: `suite_query` is the select a suite validates: a table of the warehouse (the loaded
landing tables in schema `landing`, every column as text, blank text missing; the marts in
schema `marts`) with the suite's derived columns. GX runs it through its SQL engine on a
read-only connection (expectations.sql_engine), so metrics are computed in DuckDB and no table
is held in Python; `sql_engine.release` lets a build open the file again. `read_table` reads the
same columns into pandas, for tests and ad-hoc looks only.

Results: the GX Data Context is file-backed under `<reports_dir>/gx`, so every validation result
is kept and Data Docs show history; Data Docs are rendered to `<reports_dir>/quality`. A table
that cannot be read is validated as an empty frame (one pandas datasource per layer), so its
suites fail visibly in Data Docs too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import great_expectations as gx
import pandas as pd
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig

from expectations import thresholds as limits
from expectations.checks import SuiteSpec, quoted, sql_literal
from expectations.sql_engine import fetch
from expectations.sql_postgres import PostgresWarehouse

# Where the suites read: a DuckDB file, or a Postgres database (expectations.sql_postgres).
Location = Path | PostgresWarehouse

SCHEMAS = {"raw": "landing", "mart": "marts"}
# Bookkeeping columns the loader adds to every landing table; not part of the contract.
LOADER_COLUMNS = ("_source_file", "_source_row")

SITE_NAME = "quality"
BATCH_DEFINITION = "whole_frame"
# Relative to the GX root (<reports_dir>/gx), so the reports folder can move as a whole.
_SITE_BASE_DIRECTORY = f"../{SITE_NAME}"


def landed_columns(layer: str, present: Sequence[str]) -> list[str]:
    """The select items of a table as the suites read it (loader columns left out)."""
    wanted = [name for name in present if name not in LOADER_COLUMNS]
    if layer == "raw":
        return [
            f"case when trim(cast({quoted(name)} as varchar)) = '' then null"
            f" else cast({quoted(name)} as varchar) end as {quoted(name)}"
            for name in wanted
        ]
    return [quoted(name) for name in wanted]


def schema_name(layer: str, location: Location) -> str:
    """The layer's schema at `location` (on Postgres with the run's suffix: `marts__build`)."""
    schema = SCHEMAS[layer]
    return location.schema(schema) if isinstance(location, PostgresWarehouse) else schema


def table_columns(
    context: AbstractDataContext, duckdb_path: Location, layer: str, table: str
) -> list[str]:
    """The columns of `landing.<table>` or `marts.<table>`; LookupError naming the table when
    it does not exist."""
    schema = schema_name(layer, duckdb_path)
    present = [
        str(name)
        for (name,) in fetch(
            context,
            duckdb_path,
            "select column_name from information_schema.columns"
            f" where table_schema = {sql_literal(schema)} and table_name = {sql_literal(table)}"
            " order by ordinal_position",
        )
    ]
    if not present:
        raise LookupError(
            f"Table {schema}.{table} not found in the warehouse {duckdb_path}"
            + (": load the landing folder first." if layer == "raw" else ".")
        )
    return present


def suite_query(spec: SuiteSpec, present: Sequence[str], schema: str | None = None) -> str:
    """The select the suite validates: the table as read and the suite's derived columns."""
    table = f"{quoted(schema or SCHEMAS[spec.layer])}.{quoted(spec.table)}"
    read = f"select {', '.join(landed_columns(spec.layer, present))} from {table}"
    derived = spec.derive([name for name in present if name not in LOADER_COLUMNS])
    if not derived:
        return read
    return f"select *, {', '.join(derived)} from ({read}) as landed"


def read_table(
    duckdb_path: Path, layer: str, table: str, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """`landing.<table>` or `marts.<table>` as a frame (only `columns` when given). Landing
    columns are text, and blank text is missing, as the warehouse reads it (clean_text)."""
    schema = SCHEMAS[layer]
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        present = [
            name
            for (name,) in connection.execute(
                "select column_name from information_schema.columns"
                " where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
        ]
        if not present:
            raise LookupError(
                f"Table {schema}.{table} not found in the warehouse {duckdb_path}"
                + (": load the landing folder first." if layer == "raw" else ".")
            )
        wanted = [name for name in present if columns is None or name in columns]
        select = ", ".join(landed_columns(layer, wanted))
        return connection.execute(f'select {select} from "{schema}"."{table}"').df()


def gx_root(reports_dir: Path) -> Path:
    return reports_dir / "gx"


def docs_dir(reports_dir: Path) -> Path:
    return reports_dir / SITE_NAME


def site_config() -> dict:
    return {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": _SITE_BASE_DIRECTORY,
        },
        "site_index_builder": {
            "class_name": "DefaultSiteIndexBuilder",
            "validation_results_limit": limits.DOCS_INDEX_RESULTS,
        },
    }


def open_file_context(reports_dir: Path) -> AbstractDataContext:
    """The project's file-backed context, created on first use and kept in line with
    site_config() on every open (so a changed limit or a moved folder takes effect)."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(reports_dir))
    sites = context.variables.data_docs_sites or {}
    if sites != {SITE_NAME: site_config()}:
        for name in list(sites):
            if name != SITE_NAME:
                # GX's default `local_site` would render a second copy inside gx/uncommitted.
                context.delete_data_docs_site(name)
        if SITE_NAME in (context.variables.data_docs_sites or {}):
            context.update_data_docs_site(SITE_NAME, site_config())
        else:
            context.add_data_docs_site(SITE_NAME, site_config())
    _quiet(context, persist=True)
    _install_styles(Path(context.root_directory))
    return context


def ephemeral_context() -> AbstractDataContext:
    """An in-memory context for validations that need no history (tests, ad-hoc checks)."""
    context = gx.get_context(mode="ephemeral")
    _quiet(context, persist=False)
    return context


def _quiet(context: AbstractDataContext, persist: bool) -> None:
    # Progress bars would fill the orchestrator's logs with one line per metric batch.
    if context.variables.progress_bars != ProgressBarsConfig(globally=False):
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        if persist:
            context.variables.save()


# GX's pages take Bootstrap, jQuery and their tables from public CDNs. A steward's machine
# without internet access gets none of them: pages then render as bare HTML and the index's
# results table, drawn by a CDN script, stays empty. These styles keep the bare pages readable
# and style the summary that `docs` writes into the index as plain HTML.
CUSTOM_STYLES = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1f2933; margin: 0 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem 0; }
th, td { padding: 0.3rem 0.6rem; vertical-align: top; text-align: left; }
tr { border-bottom: 1px solid #e4e7eb; }
code, pre { font-size: 0.85rem; }
img[alt="Great Expectations"] { display: none; }
/* Status icons are Font Awesome glyphs from a CDN; draw them as text so they show offline. */
i.fas.fa-check-circle::before { content: "\\2714"; color: #2f855a; }
i.fas.fa-times::before { content: "\\2718"; color: #c53030; }
i.fas.fa-question-circle::before { content: "?"; color: #52606d; }
i.fas.fa-check-circle::before, i.fas.fa-times::before, i.fas.fa-question-circle::before {
    font-family: sans-serif; font-style: normal; font-weight: 700; }
.journey-summary { margin: 1.5rem 0; max-width: 110rem; }
.journey-summary h2 { font-size: 1.4rem; margin: 0 0 0.3rem 0; }
.journey-summary h3 { font-size: 1.1rem; margin: 1.2rem 0 0.3rem 0; }
.journey-summary .journey-headline { font-size: 1.05rem; margin: 0.3rem 0 0.8rem 0; }
.journey-summary table { width: 100%; font-size: 0.9rem; }
.journey-summary thead th { background: #f0f4f8; border-bottom: 2px solid #bcccdc; }
.journey-summary tr.journey-failed td { background: #fff5f5; }
.journey-summary .journey-status-failed { color: #c53030; font-weight: 600; }
.journey-summary .journey-status-passed { color: #2f855a; font-weight: 600; }
.journey-summary .journey-status-nothing_to_check { color: #52606d; font-weight: 600; }
.journey-summary .journey-severity-error { color: #9b2c2c; }
.journey-summary .journey-severity-warn { color: #975a16; }
.journey-summary ul { margin: 0; padding-left: 1.1rem; }
.journey-summary .journey-note { color: #52606d; font-size: 0.85rem; }
"""


def _install_styles(root: Path) -> None:
    # GX inlines plugins/custom_data_docs/styles/data_docs_custom_styles.css into every page.
    target = root / "plugins" / "custom_data_docs" / "styles" / "data_docs_custom_styles.css"
    if not target.exists() or target.read_text(encoding="utf-8") != CUSTOM_STYLES:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(CUSTOM_STYLES, encoding="utf-8")


def batch_definition(context: AbstractDataContext, spec: SuiteSpec) -> BatchDefinition:
    """The whole-dataframe batch definition of the suite's table (created when missing)."""
    source_name = f"journey_{spec.layer}"
    try:
        source = context.data_sources.get(source_name)
    except LookupError:
        source = context.data_sources.add_pandas(source_name)
    try:
        asset = source.get_asset(spec.table)
    except LookupError:
        asset = source.add_dataframe_asset(spec.table)
    try:
        return asset.get_batch_definition(BATCH_DEFINITION)
    except KeyError:
        return asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)
