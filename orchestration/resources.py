"""Resources: where this run's landing folder, warehouse and reports are, and the dbt CLI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject

from journey.dbt_runner import dbt_executable
from journey.settings import Settings


class JourneyResource(dg.ConfigurableResource):
    """The paths of one deployment; shown (and overridable) as run config in the UI."""

    raw_dir: str
    duckdb_path: str
    reports_dir: str

    @classmethod
    def from_settings(cls, settings: Settings) -> JourneyResource:
        return cls(
            raw_dir=str(settings.raw_dir),
            duckdb_path=str(settings.duckdb_path),
            reports_dir=str(settings.reports_dir),
        )

    def to_settings(self) -> Settings:
        # Absolute already when built from Settings; resolving again covers hand-edited config.
        return Settings(
            raw_dir=Path(self.raw_dir).expanduser().resolve(),
            duckdb_path=Path(self.duckdb_path).expanduser().resolve(),
            reports_dir=Path(self.reports_dir).expanduser().resolve(),
        )


@contextmanager
def dbt_environment(settings: Settings) -> Iterator[None]:
    """Exports the run's paths for the dbt subprocess, restoring the environment afterwards.

    DbtCliResource hands dbt a copy of os.environ and has no other way to pass variables;
    restoring keeps several in-process runs (tests, `journey run`) from leaking into each other.
    """
    wanted = settings.dbt_env()
    previous = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_resources(settings: Settings, project: DbtProject) -> dict[str, dg.ConfigurableResource]:
    return {
        "journey": JourneyResource.from_settings(settings),
        "dbt": DbtCliResource(project_dir=project, dbt_executable=dbt_executable()),
    }
