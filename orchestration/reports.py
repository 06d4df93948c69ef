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


# Where dbt's docs page takes its data inline (what `dbt docs generate --static` fills in).
INLINE_SLOTS = {
    "manifest.json": '"MANIFEST.JSON INLINE DATA"',
    "catalog.json": '"CATALOG.JSON INLINE DATA"',
}


def static_docs_page(template: Path, artifacts: dict[str, Path]) -> str:
    """dbt's docs page (`index.html` of a docs call) with the given manifest and catalog
    inline, as `--static` writes it, so it opens straight from disk (browsers refuse the plain
    page's fetch of manifest.json over file://)."""
    page = template.read_text(encoding="utf-8")
    for name, slot in INLINE_SLOTS.items():
        if slot not in page:
            raise ValueError(f"{template} has no place for {name} ({slot})")
        page = page.replace(slot, artifacts[name].read_text(encoding="utf-8"))
    return page


def publish_dbt_docs(target_dir: Path, site_dir: Path, manifest: Path | None = None) -> Path:
    """Writes the docs site from a docs call's target folder; returns its index.html. With
    `manifest` (the run's build manifest: the SQL each node ran) the page carries that one,
    else the docs call's own (`static_index.html`)."""
    site_dir.mkdir(parents=True, exist_ok=True)
    index = site_dir / "index.html"
    if manifest is None:
        shutil.copyfile(target_dir / "static_index.html", index)
        manifest = target_dir / "manifest.json"
    else:
        artifacts = {"manifest.json": manifest, "catalog.json": target_dir / "catalog.json"}
        index.write_text(static_docs_page(target_dir / "index.html", artifacts), encoding="utf-8")
    for name, artifact in (
        ("manifest.json", manifest),
        ("catalog.json", target_dir / "catalog.json"),
    ):
        if artifact.exists():
            shutil.copyfile(artifact, site_dir / name)
    return index


def build_manifest(context: dg.AssetExecutionContext) -> Path | None:
    """The manifest this run's dbt build wrote (every node with the SQL it ran), or None when
    there is none newer than the run's start (a docs step run on its own)."""
    manifest = invocation_target_dir("build") / "manifest.json"
    started = context.instance.get_run_stats(context.run.run_id).start_time
    if manifest.is_file() and started is not None and manifest.stat().st_mtime >= started:
        return manifest
    return None


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
        # The build's manifest already holds every node's compiled SQL: the docs call then
        # only reads the catalog (`--no-compile`) instead of compiling the project again.
        manifest = build_manifest(context)
        mode = ["--no-compile"] if manifest else ["--static"]
        # Describes the run's build (the catalog reads its tables), before it is published.
        with dbt_environment(journey.dbt_settings()):
            args = ["docs", "generate", *mode, "--vars", dbt_vars(journey.full_refresh)]
            invocation = dbt.cli(args, target_path=invocation_target_dir("docs", args))
            record_process(settings.duckdb_path, build_key(context.run), invocation.process.pid)
            invocation.wait()
        index = publish_dbt_docs(
            invocation.target_path, dbt_docs_dir(settings.reports_dir), manifest
        )
        return dg.MaterializeResult(
            metadata={
                "index": dg.MetadataValue.path(str(index)),
                "url": dg.MetadataValue.url(index.as_uri()),
            }
        )

    return dbt_docs
