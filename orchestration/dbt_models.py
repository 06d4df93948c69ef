"""The dbt project as Dagster assets: one `dbt build` runs models, seeds and tests."""

from collections.abc import Iterator
from typing import Any

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from orchestration.project import invocation_target_dir
from orchestration.resources import JourneyResource, dbt_environment
from orchestration.translator import JourneyDbtTranslator


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
        settings = journey.to_settings()
        settings.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
        # The landing folder and warehouse reach dbt only through its environment
        # (profiles.yml and dbt_project.yml read them with env_var()).
        with dbt_environment(settings):
            yield from dbt.cli(
                ["build"], context=context, target_path=invocation_target_dir("build")
            ).stream()

    return journey_dbt_build
