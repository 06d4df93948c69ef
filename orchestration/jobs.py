"""The daily job: every asset and check, from the landing files to the reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dagster as dg

if TYPE_CHECKING:
    # What define_asset_job returns; dagster exports the class only under this path.
    from dagster._core.definitions.unresolved_asset_job_definition import (
        UnresolvedAssetJobDefinition,
    )

JOURNEY_DAILY = "journey_daily"


def build_daily_job() -> UnresolvedAssetJobDefinition:
    return dg.define_asset_job(
        name=JOURNEY_DAILY,
        selection=dg.AssetSelection.all(),
        description=(
            "Load the landing folder into a private build, check it (raw quality suites), "
            "dbt build (models, seeds, dbt tests), check the marts (mart quality suites), "
            "write the reports, then publish the build as the warehouse if every blocking "
            "check passed."
        ),
        # One process, one step at a time: DuckDB allows a single writer per file, and the
        # steps form a chain anyway, so separate processes would only add start-up time.
        executor_def=dg.in_process_executor,
    )
