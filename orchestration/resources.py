"""Resources: where this run's landing folder, warehouse and reports are, and the dbt CLI."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtProject

from journey.privacy import privacy_key_file
from journey.settings import Settings
from orchestration.postgres_build import BUILD_SUFFIX
from orchestration.project import exported_environment, journey_dbt_cli
from orchestration.warehouse import build_alias, build_file, run_lock

# dbt var that tells the on-run-start hook the run's landing step has loaded the landing
# folder already (dbt_project.yml); a bare `dbt build` loads it itself.
PRELOADED_VARS = '{"journey__landing_preloaded": true}'
# Environment variable that makes every run of the deployment a full refresh (`1`/`true`);
# `journey run --full-refresh` and the resource's run config `full_refresh` do it per run.
FULL_REFRESH_VARIABLE = "JOURNEY_FULL_REFRESH"


def full_refresh_from_env() -> bool:
    return os.environ.get(FULL_REFRESH_VARIABLE, "").strip().lower() in ("1", "true", "yes")


def dbt_vars(full_refresh: bool) -> str:
    """The `--vars` of the run's dbt calls: the landing step has loaded the landing folder,
    whether this run rebuilds from scratch (`journey__full_refresh`), and that a landing file
    loaded by an earlier run may not change (the load stops by name instead of reloading)."""
    return json.dumps(
        {
            "journey__landing_preloaded": True,
            "journey__full_refresh": full_refresh,
            "journey__changed_landing_files": "stop",
        }
    )


def build_key(run: dg.DagsterRun) -> str:
    """The build a run writes: its own, or its root run's when it re-executes a failed run
    (the steps that already succeeded wrote there)."""
    return run.root_run_id or run.run_id


class JourneyResource(dg.ConfigurableResource):
    """The paths of one deployment; shown (and overridable) as run config in the UI.

    `duckdb_path` is the published warehouse. A run holds the warehouse lock while this
    resource is in use, and its steps read and write the run's build (`build_settings`).
    `full_refresh` rebuilds from scratch: a new build instead of a copy of the published
    warehouse, the landing folder reloaded, every incremental model rebuilt.
    """

    raw_dir: str
    duckdb_path: str
    reports_dir: str
    # dbt target (profiles.yml); on postgres a run builds into schemas `*__build`.
    target: str = "duckdb"
    postgres_database: str = "journey"
    full_refresh: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> JourneyResource:
        return cls(
            raw_dir=str(settings.raw_dir),
            duckdb_path=str(settings.duckdb_path),
            reports_dir=str(settings.reports_dir),
            target=settings.target,
            postgres_database=settings.postgres_database,
            full_refresh=full_refresh_from_env(),
        )

    def to_settings(self) -> Settings:
        """The deployment's paths: `duckdb_path` is the published warehouse."""
        # Absolute already when built from Settings; resolving again covers hand-edited config.
        return Settings(
            raw_dir=Path(self.raw_dir).expanduser().resolve(),
            duckdb_path=Path(self.duckdb_path).expanduser().resolve(),
            reports_dir=Path(self.reports_dir).expanduser().resolve(),
            target=self.target,
            postgres_database=self.postgres_database,
        )

    def build_settings(self, run: dg.DagsterRun) -> Settings:
        """The run's paths: `duckdb_path` is the run's private build file."""
        settings = self.to_settings()
        if settings.target == "postgres":
            return replace(settings, schema_suffix=BUILD_SUFFIX)
        return replace(settings, duckdb_path=build_file(settings.duckdb_path, build_key(run)))

    def dbt_settings(self) -> Settings:
        """The paths handed to dbt: the build through its fixed alias (see build_alias), and
        the privacy key file beside the warehouse (created on first use)."""
        settings = self.to_settings()
        key_file = privacy_key_file(settings.duckdb_path)
        if settings.target == "postgres":
            return replace(settings, schema_suffix=BUILD_SUFFIX, privacy_key_file=key_file)
        return replace(
            settings, duckdb_path=build_alias(settings.duckdb_path), privacy_key_file=key_file
        )

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[JourneyResource]:
        run = context.run
        if run is None:
            # A sensor or a direct call: no run, nothing is built.
            yield self
            return
        with run_lock(self.to_settings(), run.run_id, keep_build=build_key(run)):
            yield self


def manifest_dbt_env(settings: Settings) -> dict[str, str]:
    """The environment the code location parses the project with: on DuckDB that of a run's
    dbt calls (JourneyResource.dbt_settings, without creating the privacy key file), so they
    reuse the parse. On Postgres the runs build into suffixed schemas (`marts__build`), but the
    manifest must name the published ones, so it is parsed without the suffix."""
    if settings.target == "postgres":
        return {}
    return replace(settings, duckdb_path=build_alias(settings.duckdb_path)).dbt_env()


def dbt_environment(settings: Settings) -> AbstractContextManager[None]:
    """Exports the paths for the dbt subprocess, restoring the environment afterwards."""
    return exported_environment(settings.dbt_env())


def build_resources(settings: Settings, project: DbtProject) -> dict[str, dg.ConfigurableResource]:
    return {
        "journey": JourneyResource.from_settings(settings),
        "dbt": journey_dbt_cli(project),
    }
