"""The last step of a run: verify the run's build and publish it as the warehouse.

It runs only when everything upstream succeeded (Dagster skips it after a failed step or a
failed blocking check) and checks again itself: no blocking check of this run failed, the
landing folder is byte for byte what the run loaded, every model is in the build. Then the
build becomes the identity tier and its dashboard-tier relations, without personal columns,
replace the file dashboards read, each in one rename (orchestration/warehouse.py, tiers.py).
"""

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from journey.privacy import identity_path
from orchestration.landing import (
    FileFingerprint,
    fingerprint_digest,
    fingerprint_landing,
    landing_changes,
    read_snapshot,
)
from orchestration.resources import JourneyResource, build_key
from orchestration.tiers import DashboardRelation
from orchestration.warehouse import PublishedRun, build_file, replace_published, seal_build

WAREHOUSE_GROUP = "warehouse"
PUBLISHED_KEY = dg.AssetKey([WAREHOUSE_GROUP, "published"])


def failed_blocking_checks(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    """The checks of this run that failed with severity ERROR, as `asset · check`."""
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    failed = []
    for record in records:
        event = record.event_log_entry.dagster_event
        evaluation = event.event_specific_data if event else None
        if (
            isinstance(evaluation, dg.AssetCheckEvaluation)
            and not evaluation.passed
            and (evaluation.severity or dg.AssetCheckSeverity.ERROR) == dg.AssetCheckSeverity.ERROR
        ):
            failed.append(f"{evaluation.asset_key.to_user_string()} · {evaluation.check_name}")
    return sorted(set(failed))


def published_asset(upstream: Iterable[dg.AssetKey], description: str, kind: str) -> Any:
    """The decorator of the `warehouse/published` asset, after every asset of `upstream`."""
    return dg.asset(
        key=PUBLISHED_KEY,
        group_name=WAREHOUSE_GROUP,
        deps=sorted(upstream, key=lambda key: key.to_user_string()),
        description=description,
        kinds={kind},
    )


def refuse_failed_checks(context: dg.AssetExecutionContext, nothing: str) -> None:
    """Fails the publish step when a blocking check of this run failed."""
    failed = failed_blocking_checks(context.instance, context.run.run_id)
    if failed:
        raise dg.Failure(description=f"Blocking checks failed: {', '.join(failed)}. {nothing}")


def refuse_changed_landing(
    raw_dir: Path,
    recorded: Sequence[FileFingerprint],
    current: Sequence[FileFingerprint],
    nothing: str,
) -> None:
    """Fails the publish step when the landing folder is no longer what the run loaded."""
    changes = landing_changes(recorded, current)
    if changes:
        raise dg.Failure(
            description=(
                f"The landing folder {raw_dir} changed during the run, so the "
                f"build does not match it: {'; '.join(changes)}. {nothing} The next run "
                "reads the folder again."
            )
        )


def refuse_missing_relations(missing: Sequence[str], nothing: str) -> None:
    """Fails the publish step when the build lacks a relation the project builds."""
    if missing:
        raise dg.Failure(description=f"The build lacks {', '.join(missing)}. {nothing}")


def built_relations(manifest: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(schema, name) of every seed and model dbt writes to the warehouse."""
    return sorted(
        (node["schema"], node.get("alias") or node["name"])
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") in ("model", "seed")
        and node.get("config", {}).get("materialized") != "ephemeral"
    )


def missing_relations(build: Path, expected: Sequence[tuple[str, str]]) -> list[str]:
    with duckdb.connect(str(build), read_only=True) as connection:
        present = set(
            connection.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        )
    return [f"{schema}.{name}" for schema, name in expected if (schema, name) not in present]


def build_publish_asset(
    upstream: Iterable[dg.AssetKey],
    landing_tables: Sequence[str],
    expected: Sequence[tuple[str, str]],
    dashboard: Sequence[DashboardRelation] | None = None,
) -> dg.AssetsDefinition:
    """`dashboard`: the relations of the dashboard file (orchestration/tiers.py); None
    publishes the build itself as the one warehouse file."""

    @published_asset(
        upstream,
        "The warehouse dashboards read (JOURNEY_DUCKDB_PATH: dashboard-tier marts and "
        "seeds, no personal columns) and the identity tier (JOURNEY_IDENTITY_DUCKDB_PATH: "
        "the whole build, owner only), replaced as a whole by this run's build once every "
        "blocking check passed and the landing folder is unchanged. Its history says "
        "which run is published.",
        "duckdb",
    )
    def published(
        context: dg.AssetExecutionContext, journey: JourneyResource
    ) -> dg.MaterializeResult:
        settings = journey.to_settings()
        target = settings.duckdb_path
        build = build_file(target, build_key(context.run))
        nothing = f"Nothing published: {target} is unchanged."

        refuse_failed_checks(context, nothing)
        if not build.is_file():
            raise dg.Failure(description=f"The run's build {build} does not exist. {nothing}")

        recorded = read_snapshot(build)
        current = fingerprint_landing(settings.raw_dir, landing_tables)
        refuse_changed_landing(settings.raw_dir, recorded, current, nothing)
        refuse_missing_relations(missing_relations(build, expected), nothing)

        fingerprint = fingerprint_digest(recorded)
        published_at = seal_build(
            build,
            PublishedRun(
                run_id=context.run.run_id,
                landing_folder=str(settings.raw_dir),
                landing_fingerprint=fingerprint,
                landing_files=len(recorded),
                landing_bytes=sum(f.bytes for f in recorded),
            ),
        )
        replace_published(build, target, dashboard)
        identity = identity_path(target)
        context.log.info(
            f"Published run {context.run.run_id} as {target}"
            + (f" (identity tier {identity})" if dashboard is not None else "")
        )
        tiers = (
            {
                "identity_path": dg.MetadataValue.path(str(identity)),
                "dashboard_relations": len(dashboard),
                "dropped_personal_columns": sum(len(r.personal) for r in dashboard),
            }
            if dashboard is not None
            else {}
        )
        return dg.MaterializeResult(
            metadata={
                "run_id": context.run.run_id,
                "published_path": dg.MetadataValue.path(str(target)),
                **tiers,
                "published_at": dg.MetadataValue.timestamp(published_at.timestamp()),
                "landing_fingerprint": fingerprint,
                "landing_files": len(recorded),
                "landing_bytes": sum(f.bytes for f in recorded),
            }
        )

    return published
