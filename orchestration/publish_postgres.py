"""Write–audit–publish on the postgres target: the run's schemas replace the published ones.

The run builds into `<schema>__build` (orchestration/postgres_build.py), the suites and dbt
tests audit those schemas, and this last step publishes them only when every blocking check of
the run passed, the landing folder is still what the run loaded and every model is there. In
one transaction, for every schema the project writes (landing, seeds, staging, intermediate,
marts, meta):

    alter schema marts rename to marts__old;   -- when published before
    alter schema marts__build rename to marts;
    ...
    drop schema marts__old cascade; ...

Postgres DDL is transactional: readers see the old schemas or the new ones, never a mix, and a
failure at any point (a check, this step, a crash, `kill -9`) leaves the published schemas as
they were. Views keep pointing at the tables of their own build through the rename (Postgres
binds them by object, not by name). Renaming waits for queries that are reading the old tables;
`lock_timeout` bounds that wait, after which the publish fails and nothing changed.

The same transaction rebuilds the dashboard tier (README "Personal data"): schema `dashboard`
holds a view per dashboard-tier model and seed, without its personal columns, and the run
record; role `journey_dashboard` (no login; grant it to the dashboards' users) may read that
schema and nothing else. The other schemas, the identity tier, grant nothing beyond their
owner.
"""

from collections.abc import Iterable, Sequence

import dagster as dg
import psycopg

from expectations.checks import quoted
from journey.settings import Settings
from orchestration.landing import (
    FileFingerprint,
    fingerprint_digest,
    fingerprint_landing,
)
from orchestration.postgres_build import (
    LANDING_SCHEMA,
    META_SCHEMA,
    OLD_SUFFIX,
    connect,
    read_snapshot_rows,
)
from orchestration.publish import (
    published_asset,
    refuse_changed_landing,
    refuse_failed_checks,
    refuse_missing_relations,
)
from orchestration.resources import JourneyResource
from orchestration.tiers import DashboardRelation

# How long the swap waits for a reader of the published schemas before it gives up.
LOCK_TIMEOUT = "30s"
DASHBOARD_SCHEMA = "dashboard"
DASHBOARD_ROLE = "journey_dashboard"


def dashboard_views(dashboard: Sequence[DashboardRelation]) -> list[DashboardRelation]:
    """The dashboard relations and the run record, each named once in schema `dashboard`."""
    views = [*dashboard, DashboardRelation(META_SCHEMA, "published_run", ())]
    seen: dict[str, DashboardRelation] = {}
    for view in views:
        if view.name in seen:
            other = seen[view.name]
            raise ValueError(
                f"{other.schema}.{other.name} and {view.schema}.{view.name} would both be "
                f"{DASHBOARD_SCHEMA}.{view.name}: rename one of them"
            )
        seen[view.name] = view
    return views


def _create_dashboard_tier(
    connection: psycopg.Connection, views: Sequence[DashboardRelation]
) -> None:
    """Schema `dashboard` anew over the just-published schemas, and its reader role."""
    connection.execute(f"create schema {DASHBOARD_SCHEMA}")
    if not connection.execute(
        "select 1 from pg_roles where rolname = %s", [DASHBOARD_ROLE]
    ).fetchone():
        connection.execute(f"create role {DASHBOARD_ROLE} nologin")
    columns: dict[tuple[str, str], list[str]] = {}
    for schema, name, column in connection.execute(
        "select table_schema, table_name, column_name from information_schema.columns"
        " order by table_schema, table_name, ordinal_position"
    ).fetchall():
        columns.setdefault((schema, name), []).append(column)
    for view in views:
        present = columns.get((view.schema, view.name))
        if present is None:
            continue  # not built (publish already refused a missing model)
        kept = ", ".join(quoted(column) for column in present if column not in view.personal)
        connection.execute(
            f"create view {DASHBOARD_SCHEMA}.{quoted(view.name)} as "
            f"select {kept} from {quoted(view.schema)}.{quoted(view.name)}"
        )
    connection.execute(f"grant usage on schema {DASHBOARD_SCHEMA} to {DASHBOARD_ROLE}")
    connection.execute(
        f"grant select on all tables in schema {DASHBOARD_SCHEMA} to {DASHBOARD_ROLE}"
    )


def published_schemas(expected: Sequence[tuple[str, str]]) -> list[str]:
    """Every schema a run writes: the models' and seeds', the landing and the run record."""
    return sorted({LANDING_SCHEMA, META_SCHEMA, *(schema for schema, _ in expected)})


def missing_relations(build: Settings, expected: Sequence[tuple[str, str]]) -> list[str]:
    with connect(build) as connection:
        present = set(
            connection.execute("select table_schema, table_name from information_schema.tables")
        )
    suffix = build.schema_suffix
    return [
        f"{schema}{suffix}.{name}"
        for schema, name in expected
        if (f"{schema}{suffix}", name) not in present
    ]


def swap_schemas(
    build: Settings,
    schemas: Iterable[str],
    run: dict[str, object],
    expected: Sequence[tuple[str, str]] = (),
    dashboard: Sequence[DashboardRelation] = (),
) -> None:
    """Records the run in `meta__build.published_run`, then renames every `<schema>__build`
    over `<schema>`, drops the replaced schemas and builds the dashboard tier over the new
    ones, all in one transaction. Before it commits, every `expected` relation must be in the
    published schemas (a build object that depended on a replaced schema would have been
    dropped with it); otherwise nothing changes."""
    views = dashboard_views(dashboard)
    suffix = build.schema_suffix
    with connect(build) as connection, connection.transaction():
        connection.execute(f"set local lock_timeout = '{LOCK_TIMEOUT}'")
        # Its views read the schemas about to be replaced: rebuilt below.
        connection.execute(f"drop schema if exists {DASHBOARD_SCHEMA} cascade")
        connection.execute(
            f"create table {META_SCHEMA}{suffix}.published_run (run_id text, published_at"
            " timestamp, landing_folder text, landing_fingerprint text, landing_files bigint,"
            " landing_bytes bigint)"
        )
        connection.execute(
            f"insert into {META_SCHEMA}{suffix}.published_run values"
            " (%s, (now() at time zone 'UTC'), %s, %s, %s, %s)",
            [
                run["run_id"],
                run["landing_folder"],
                run["landing_fingerprint"],
                run["landing_files"],
                run["landing_bytes"],
            ],
        )
        existing = {
            name for (name,) in connection.execute("select nspname from pg_namespace").fetchall()
        }
        replaced = []
        for schema in schemas:
            if f"{schema}{suffix}" not in existing:
                continue  # a layer without relations (none built): nothing to publish there
            if schema in existing:
                connection.execute(f'drop schema if exists "{schema}{OLD_SUFFIX}" cascade')
                connection.execute(f'alter schema "{schema}" rename to "{schema}{OLD_SUFFIX}"')
                replaced.append(schema)
            connection.execute(f'alter schema "{schema}{suffix}" rename to "{schema}"')
        for schema in replaced:
            connection.execute(f'drop schema "{schema}{OLD_SUFFIX}" cascade')
        _create_dashboard_tier(connection, views)
        present = set(
            connection.execute("select table_schema, table_name from information_schema.tables")
        )
        lost = [f"{schema}.{name}" for schema, name in expected if (schema, name) not in present]
        if lost:
            raise dg.Failure(
                description=f"Publishing would lose {', '.join(lost)}; rolled back, the "
                "published schemas are unchanged."
            )


def build_publish_postgres_asset(
    upstream: Iterable[dg.AssetKey],
    landing_tables: Sequence[str],
    expected: Sequence[tuple[str, str]],
    dashboard: Sequence[DashboardRelation] = (),
) -> dg.AssetsDefinition:
    """The postgres target's `warehouse/published` asset (the DuckDB one: publish.py)."""
    schemas = published_schemas(expected)
    dashboard_views(dashboard)  # a name clash is an error when the code loads, not at publish

    @published_asset(
        upstream,
        "The Postgres schemas (landing, seeds, staging, intermediate, marts, meta), replaced "
        "in one transaction by this run's `*__build` schemas once every blocking check "
        "passed and the landing folder is unchanged, and schema `dashboard` over them: "
        "dashboard-tier relations without personal columns, readable by role "
        "`journey_dashboard`.",
        "postgres",
    )
    def published(
        context: dg.AssetExecutionContext, journey: JourneyResource
    ) -> dg.MaterializeResult:
        build = journey.build_settings(context.run)
        where = f"database {build.postgres_database}"
        nothing = f"Nothing published: the schemas of {where} are unchanged."

        refuse_failed_checks(context, nothing)
        try:
            recorded = [FileFingerprint(*row) for row in read_snapshot_rows(build)]
        except Exception as error:  # no build schemas: the landing step did not run
            raise dg.Failure(
                description=f"The run's build ({META_SCHEMA}{build.schema_suffix}) cannot be "
                f"read: {error}. {nothing}"
            ) from None
        current = fingerprint_landing(build.raw_dir, landing_tables)
        refuse_changed_landing(build.raw_dir, recorded, current, nothing)
        refuse_missing_relations(missing_relations(build, expected), nothing)

        fingerprint = fingerprint_digest(recorded)
        run = {
            "run_id": context.run.run_id,
            "landing_folder": str(build.raw_dir),
            "landing_fingerprint": fingerprint,
            "landing_files": len(recorded),
            "landing_bytes": sum(f.bytes for f in recorded),
        }
        swap_schemas(build, schemas, run, expected, dashboard)
        context.log.info(f"Published run {context.run.run_id}: schemas {', '.join(schemas)}")
        return dg.MaterializeResult(
            metadata={
                **run,
                "database": build.postgres_database,
                "schemas": dg.MetadataValue.json(schemas),
            }
        )

    return published
