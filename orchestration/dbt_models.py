"""The dbt project as Dagster assets: one `dbt build` runs models, seeds and tests."""

from collections.abc import Iterator
from typing import Any

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from orchestration.project import invocation_target_dir
from orchestration.resources import JourneyResource, build_key, dbt_environment, dbt_vars
from orchestration.translator import JourneyDbtTranslator
from orchestration.warehouse import record_process


def build_dbt_assets(project: DbtProject) -> dg.AssetsDefinition:
    """All dbt models and seeds; dbt tests become asset checks on the models they test."""

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=JourneyDbtTranslator(),
        name="journey_dbt_build",
    )
    def journey_dbt_build(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, journey: JourneyResource
    ) -> Iterator[Any]:
        # The run's build, where the landing step loaded the landing folder: the hook skips
        # its own load. Paths reach dbt only through its environment (profiles.yml and
        # dbt_project.yml read them with env_var()).
        published = journey.to_settings().duckdb_path
        # A full refresh rebuilds every incremental model; otherwise they take the new batch.
        # Unit tests check the SQL against fixed inputs, not the day's data: they run where
        # the code changes (`dbt build`, `make test`), not in every scheduled run.
        args = ["build", "--exclude-resource-type", "unit_test"]
        args += ["--vars", dbt_vars(journey.full_refresh)]
        if journey.full_refresh:
            args.append("--full-refresh")
        with dbt_environment(journey.dbt_settings()):
            invocation = dbt.cli(
                args,
                context=context,
                target_path=invocation_target_dir("build", args),
            )
            record_process(published, build_key(context.run), invocation.process.pid)
            yield from invocation.stream()

    return journey_dbt_build
