"""The two warehouse files a run publishes (README "Personal data").

The audited build is the identity tier: every landing copy, staging view, identity mart and
raw quarantine line, owner-only (0600) at JOURNEY_IDENTITY_DUCKDB_PATH. The dashboard tier,
the file dashboards read at JOURNEY_DUCKDB_PATH, is written from it: only the models and
seeds whose `meta.tier` is `dashboard` (dbt_project.yml sets the folder defaults), as tables,
without the columns whose `meta.personal` says why they are personal, plus the run record
(`meta.*`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from expectations.checks import quoted
from journey.privacy import restrict

DASHBOARD_TIER = "dashboard"
IDENTITY_TIER = "identity"
# Schemas the run writes itself (the published run's record), copied whole to dashboards.
RUN_RECORD_SCHEMA = "meta"


@dataclass(frozen=True)
class DashboardRelation:
    schema: str
    name: str
    personal: tuple[str, ...]  # columns left out of the dashboard file


def _meta(node: Mapping[str, Any]) -> Mapping[str, Any]:
    return node.get("config", {}).get("meta") or node.get("meta") or {}


def _column_personal(column: Mapping[str, Any]) -> str | None:
    meta = column.get("meta") or column.get("config", {}).get("meta") or {}
    return meta.get("personal")


def node_tier(node: Mapping[str, Any]) -> str:
    """`meta.tier` of a model or seed; identity when it says nothing (nothing reaches
    dashboards by default)."""
    return str(_meta(node).get("tier") or IDENTITY_TIER)


def dashboard_relations(manifest: Mapping[str, Any]) -> list[DashboardRelation]:
    """The dashboard-tier models and seeds dbt writes, with their personal columns."""
    relations = []
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") not in ("model", "seed"):
            continue
        if node.get("config", {}).get("materialized") == "ephemeral":
            continue
        if node_tier(node) != DASHBOARD_TIER:
            continue
        personal = tuple(
            sorted(
                name
                for name, column in (node.get("columns") or {}).items()
                if _column_personal(column)
            )
        )
        relations.append(
            DashboardRelation(node["schema"], node.get("alias") or node["name"], personal)
        )
    return sorted(relations, key=lambda relation: (relation.schema, relation.name))


def personal_columns(manifest: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """`schema.name` → {column: why it is personal} for every model and seed that has one."""
    found: dict[str, dict[str, str]] = {}
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") not in ("model", "seed"):
            continue
        columns = {
            name: str(why)
            for name, column in (node.get("columns") or {}).items()
            if (why := _column_personal(column))
        }
        if columns:
            found[f"{node['schema']}.{node.get('alias') or node['name']}"] = columns
    return found


def write_dashboard(build: Path, target: Path, relations: Sequence[DashboardRelation]) -> int:
    """Writes the dashboard file `target` (a new file) from the sealed build: each relation as
    a table without its personal columns, and the run record. Returns the tables written.
    A relation missing from the build is an error naming it (publish checks this first)."""
    target.unlink(missing_ok=True)
    written = 0
    # The build is attached under its own catalog name (its file stem, as when it is opened
    # directly), read-only; the new file beside it.
    source = quoted(build.name.split(".")[0])
    with duckdb.connect() as connection:
        connection.execute(f"attach {_sql_string(str(build))} as {source} (read_only)")
        connection.execute(f"attach {_sql_string(str(target))} as dashboard_tier")
        present: dict[tuple[str, str], list[str]] = {}
        for schema, name, column in connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_catalog = ? order by table_schema, table_name, ordinal_position",
            [build.name.split(".")[0]],
        ).fetchall():
            present.setdefault((schema, name), []).append(column)
        copies = [(relation.schema, relation.name, relation.personal) for relation in relations]
        copies += [
            (schema, name, ()) for schema, name in sorted(present) if schema == RUN_RECORD_SCHEMA
        ]
        for schema, name, personal in copies:
            columns = present.get((schema, name))
            if columns is None:
                raise LookupError(f"{schema}.{name} is not in the build {build}")
            kept = ", ".join(quoted(column) for column in columns if column not in personal)
            connection.execute(f"create schema if not exists dashboard_tier.{quoted(schema)}")
            connection.execute(
                f"create table dashboard_tier.{quoted(schema)}.{quoted(name)} as "
                f"select {kept} from {source}.{quoted(schema)}.{quoted(name)}"
            )
            written += 1
        connection.execute("checkpoint dashboard_tier")
        connection.execute("detach dashboard_tier")
        connection.execute(f"detach {source}")
    restrict_dashboard(target)
    return written


def restrict_dashboard(target: Path) -> None:
    """The dashboard file is for readers: 0644, whatever the umask of the run."""
    target.chmod(0o644)


def restrict_identity(path: Path) -> None:
    """The identity file (and its write-ahead log, if any): owner only."""
    restrict(path)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        restrict(wal)


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
