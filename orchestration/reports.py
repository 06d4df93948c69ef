"""Report assets: the dbt docs site, rebuilt after the models so it describes this build."""

import shutil
from collections.abc import Iterable
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.project import invocation_target_dir
from orchestration.resources import JourneyResource, build_key, dbt_environment, dbt_vars
from orchestration.warehouse import record_process

REPORTS_GROUP = "reports"
DBT_DOCS_KEY = dg.AssetKey([REPORTS_GROUP, "dbt_docs"])


def dbt_docs_dir(reports_dir: Path) -> Path:
    return reports_dir / "dbt_docs"


def publish_dbt_docs(target_dir: Path, site_dir: Path) -> Path:
    """Copies the generated site; returns its index.html.

    The static page carries manifest and catalog inline, so it opens straight from disk
    (browsers refuse the plain index.html's fetch of manifest.json over file://).
    """
    site_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target_dir / "static_index.html", site_dir / "index.html")
    for artifact in ("manifest.json", "catalog.json"):
        if (target_dir / artifact).exists():
            shutil.copyfile(target_dir / artifact, site_dir / artifact)
    return site_dir / "index.html"


def build_dbt_docs_asset(dbt_keys: Iterable[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(
        key=DBT_DOCS_KEY,
        group_name=REPORTS_GROUP,
        deps=sorted(dbt_keys, key=lambda key: key.to_user_string()),
        description="The dbt docs site (models, columns, tests, lineage) of the built warehouse.",
        kinds={"dbt", "html"},
    )
    def dbt_docs(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, journey: JourneyResource
    ) -> dg.MaterializeResult:
        settings = journey.to_settings()
        # Describes the run's build (the catalog reads its tables), before it is published.
        with dbt_environment(journey.dbt_settings()):
            invocation = dbt.cli(
                ["docs", "generate", "--static", "--vars", dbt_vars(journey.full_refresh)],
                target_path=invocation_target_dir("docs"),
            )
            record_process(settings.duckdb_path, build_key(context.run), invocation.process.pid)
            invocation.wait()
        index = publish_dbt_docs(invocation.target_path, dbt_docs_dir(settings.reports_dir))
        return dg.MaterializeResult(
            metadata={
                "index": dg.MetadataValue.path(str(index)),
                "url": dg.MetadataValue.url(index.as_uri()),
            }
        )

    return dbt_docs
