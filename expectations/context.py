"""The GX Data Context the suites run in.

File-backed under `<reports_dir>/gx`, so every validation result is kept and Data Docs show
history; Data Docs are rendered to `<reports_dir>/quality`. Frames are handed to GX at run time
through one pandas datasource per layer with one dataframe asset per table.
"""

from __future__ import annotations

from pathlib import Path

import great_expectations as gx
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig

from expectations import thresholds as limits
from expectations.docs_style import CUSTOM_STYLES
from expectations.spec import SuiteSpec

SITE_NAME = "quality"
BATCH_DEFINITION = "whole_frame"
# Relative to the GX root (<reports_dir>/gx), so the reports folder can move as a whole.
_SITE_BASE_DIRECTORY = f"../{SITE_NAME}"


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
