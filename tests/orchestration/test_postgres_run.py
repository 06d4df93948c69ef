"""journey_daily on the postgres target, in process: real Postgres, dbt, GX and Dagster.

Two runs share one database: a clean landing folder that publishes, then the same folder with
an over-merged identity that the mart suite `mart_dim_customers` blocks. Needs a local Postgres
(scripts/postgres.sh starts one) unless JOURNEY_PG_PORT points at a server."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import psycopg
import pytest
from conftest import dagster_instance

from journey.engines import postgres_params
from journey.generate import generate
from journey.parity import (
    MartSum,
    TargetResult,
    build,
    compare,
    mart_sums,
    start_empty,
    target_settings,
)
from journey.privacy import key_file
from journey.settings import Settings
from orchestration.erasure import keyed_hash
from orchestration.publish_postgres import DASHBOARD_ROLE, DASHBOARD_SCHEMA
from orchestration.run import run_job
from orchestration.tiers import dashboard_relations, personal_columns

pytestmark = pytest.mark.slow

PERSONS = 150
DATABASE = "journey_dagster_test"


@dataclass(frozen=True)
class Run:
    code: int
    err: str
    published: dict[str, MartSum]  # the marts of the published schemas after the run
    published_run: str | None  # meta.published_run.run_id after the run
    schemas: list[str]  # every schema of the database after the run


@dataclass(frozen=True)
class Runs:
    clean: Run
    blocked: Run
    duckdb: TargetResult
    build_max_identifiers: int  # max person identifiers of a customer in marts__build
    settings: Settings  # the runs' settings (clean landing folder)
    manifest: Path  # the manifest the runs' code was loaded with
    work: Path  # everything the runs wrote: dbt target and logs, reports, the key file


def _one_user_with_many_emails(path: Path) -> None:
    """30 more emails identified as one user: the customer's person identifier count passes
    the over-merge guard of `mart_dim_customers` (an error suite), while every dbt test
    passes."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    rows += [
        {
            **rows[0],
            "anonymous_id": "",
            "user_id": "user-overmerge",
            "email": f"overmerge-{n}@overmerged.org",
        }
        for n in range(30)
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _query(settings: Settings, sql: str) -> list[tuple]:
    with psycopg.connect(**postgres_params(settings)) as connection:
        return connection.execute(sql).fetchall()


def _run(settings: Settings) -> Run:
    err = io.StringIO()
    with dagster_instance() as instance, contextlib.redirect_stderr(err):
        code = run_job(settings, instance=instance)
    schemas = [name for (name,) in _query(settings, "select nspname from pg_namespace order by 1")]
    published_run = (
        _query(settings, "select run_id from meta.published_run")[0][0]
        if "meta" in schemas
        else None
    )
    return Run(code, err.getvalue(), mart_sums(settings), published_run, schemas)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    work = tmp_path_factory.mktemp("postgres_run")
    clean = work / "landing"
    generate(clean, persons=PERSONS, seed=5, fmt="csv", progress=False)
    blocked = work / "landing_overmerged"
    shutil.copytree(clean, blocked)
    _one_user_with_many_emails(blocked / "web_identifies.csv")

    settings = Settings(
        raw_dir=clean,
        duckdb_path=work / "warehouse" / "journey.duckdb",
        reports_dir=work / "reports",
        target="postgres",
        postgres_database=DATABASE,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(work / "target"))
        patch.setenv("DBT_LOG_PATH", str(work / "logs"))
        start_empty(settings)
        first = _run(settings)
        second = _run(replace(settings, raw_dir=blocked))
        build_max = _query(
            settings, "select max(person_identifier_count) from marts__build.dim_customers"
        )
        # DuckDB hashes with the runs' key file, so the keyed email hashes compare too.
        duckdb = build(
            target_settings(
                replace(settings, target="duckdb", privacy_key_file=key_file(settings.duckdb_path)),
                "duckdb",
                work,
            ),
            work,
        )
    manifest = work / "target" / "manifest.json"
    return Runs(first, second, duckdb, int(build_max[0][0]), settings, manifest, work)


def test_dagster_run_on_postgres_publishes_marts_equal_to_duckdb(runs: Runs) -> None:
    assert runs.clean.code == 0, runs.clean.err
    assert runs.duckdb.error is None, runs.duckdb.error
    equal, report = compare([runs.duckdb, TargetResult("postgres", marts=runs.clean.published)])
    assert equal, report
    assert len(runs.clean.published) >= 10
    # Published: the run is recorded, and its build schemas were renamed, not copied.
    assert runs.clean.published_run is not None
    assert {"landing", "seeds", "staging", "intermediate", "marts", "meta"} <= set(
        runs.clean.schemas
    )
    assert not [name for name in runs.clean.schemas if name.endswith(("__build", "__old"))]


def test_failing_mart_check_on_postgres_leaves_published_schemas_unchanged(runs: Runs) -> None:
    assert runs.blocked.code != 0
    failure = runs.blocked.err[runs.blocked.err.index("FAILED") :]
    assert "check mart_dim_customers:" in failure, failure
    assert "person_identifier_count" in failure and "(expected at most 12)" in failure, failure
    # The suite read the run's build schemas, which hold the over-merged customer ...
    assert runs.build_max_identifiers > 12
    assert "marts__build" in runs.blocked.schemas
    # ... and the published schemas are still the first run's, row for row.
    assert runs.blocked.published_run == runs.clean.published_run
    assert runs.blocked.published == runs.clean.published


def test_the_dashboard_role_reads_only_the_dashboard_tier_without_personal_data(
    runs: Runs,
) -> None:
    manifest = json.loads(runs.manifest.read_text())
    dashboard = {relation.name for relation in dashboard_relations(manifest)}
    personal = {column for columns in personal_columns(manifest).values() for column in columns}
    with psycopg.connect(**postgres_params(runs.settings), autocommit=True) as connection:
        columns: dict[str, list[tuple[str, str]]] = {}
        for name, column, data_type in connection.execute(
            "select table_name, column_name, data_type from information_schema.columns"
            " where table_schema = %s order by table_name, ordinal_position",
            [DASHBOARD_SCHEMA],
        ).fetchall():
            columns.setdefault(name, []).append((column, data_type))
        # Every dashboard-tier relation and the run record; no landing, staging or identity one.
        assert set(columns) == dashboard | {"published_run"}
        assert "dim_customers" in columns and "dim_customer_identifiers" not in columns
        assert not personal & {column for found in columns.values() for column, _ in found}
        connection.execute(f"set role {DASHBOARD_ROLE}")
        customers = connection.execute(
            f"select count(*) from {DASHBOARD_SCHEMA}.dim_customers"
        ).fetchone()
        assert customers is not None and customers[0] > 0
        # No text value anywhere in the tier looks like an email address.
        for name, found in columns.items():
            for column, data_type in found:
                if data_type not in ("text", "character varying"):
                    continue
                emails = connection.execute(
                    f'select count(*) from {DASHBOARD_SCHEMA}."{name}"'
                    f""" where "{column}" ~ '[^@[:space:]]+@[^@[:space:]]+[.][a-z]{{2,}}'"""
                ).fetchone()
                assert emails == (0,), f"{name}.{column}"
        for relation in ("marts.dim_customers", "marts.dim_customer_identifiers"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(f"select count(*) from {relation}")


def test_keyed_email_hashes_use_the_key_file_and_no_file_holds_the_key(runs: Runs) -> None:
    key = key_file(runs.settings.duckdb_path).read_text(encoding="utf-8").strip()
    rows = _query(
        runs.settings,
        "select primary_email, primary_email_hash from marts.dim_customers"
        " where primary_email is not null",
    )
    assert rows
    for email, email_hash in rows:
        assert email_hash == keyed_hash(key, email), email
    # The session setting carried the key: no compiled SQL, log, manifest or report names it.
    holders = [
        path
        for path in runs.work.rglob("*")
        if path.is_file()
        and path != key_file(runs.settings.duckdb_path)
        and key.encode() in path.read_bytes()
    ]
    assert holders == []
