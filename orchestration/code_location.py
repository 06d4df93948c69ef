"""Assembles the code location from the dbt manifest, so new models need no Python change."""

from __future__ import annotations

import json

import dagster as dg

from journey.settings import LANDING_TABLES, Settings
from orchestration.dbt_models import build_dbt_assets
from orchestration.jobs import build_daily_job
from orchestration.journey_report import JOURNEY_REPORT_KEY, build_journey_report_asset
from orchestration.landing import build_landing_load
from orchestration.project import journey_dbt_project, prepare_manifest
from orchestration.publish import build_publish_asset, built_relations
from orchestration.publish_postgres import build_publish_postgres_asset
from orchestration.quality import build_quality_checks
from orchestration.reports import DBT_DOCS_KEY, build_dbt_docs_asset
from orchestration.resources import build_resources, dbt_vars, manifest_dbt_env
from orchestration.schedules import build_daily_schedule
from orchestration.sensors import build_landing_sensor
from orchestration.tiers import dashboard_relations
from orchestration.translator import model_asset_keys


def build_definitions(settings: Settings | None = None) -> dg.Definitions:
    settings = settings or Settings.from_env()
    project = journey_dbt_project()
    # Parsed with the environment and vars the runs give dbt, so their dbt calls reuse it.
    environment = manifest_dbt_env(settings)
    manifest_path = prepare_manifest(project, environment, dbt_vars(full_refresh=False))
    manifest = json.loads(manifest_path.read_text())

    dbt_build = build_dbt_assets(project)
    upstream = [*dbt_build.keys, DBT_DOCS_KEY, JOURNEY_REPORT_KEY]
    # Postgres publishes by renaming schemas; DuckDB by renaming the build file, in two tiers.
    publish = (
        build_publish_postgres_asset(
            upstream, LANDING_TABLES, built_relations(manifest), dashboard_relations(manifest)
        )
        if settings.target == "postgres"
        else build_publish_asset(
            upstream, LANDING_TABLES, built_relations(manifest), dashboard_relations(manifest)
        )
    )
    job = build_daily_job()
    return dg.Definitions(
        assets=[
            build_landing_load(LANDING_TABLES, manifest),
            dbt_build,
            build_dbt_docs_asset(dbt_build.keys),
            build_journey_report_asset(model_asset_keys(manifest)),
            publish,
        ],
        asset_checks=build_quality_checks(LANDING_TABLES, model_asset_keys(manifest)),
        jobs=[job],
        schedules=[build_daily_schedule(job.name)],
        sensors=[build_landing_sensor(job.name)],
        resources=build_resources(settings, project),
    )
