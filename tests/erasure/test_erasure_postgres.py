"""Erasure on the postgres target: two real `journey_daily` runs (Postgres, dbt, GX, Dagster).
The first carries a request naming one email of a person with a contact, a user id and an
anonymous id; the second reads an export that still holds the person but no longer the
request. After each, no table or view of any schema of the database, and no file the runs
wrote (reports, dbt target and logs, Dagster home), holds any of the person's identifiers."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from journey.engines import postgres_params
from journey.generate import generate
from journey.parity import start_empty
from journey.settings import Settings
from orchestration.run import run_job

pytestmark = pytest.mark.slow

PERSONS = 80
SEED = 7
DATABASE = "journey_erasure_test"
REQUEST_ID = "ER-PG-1"


@dataclass(frozen=True)
class Runs:
    codes: list[int]
    needles: list[str]
    after_erasure: list[str]
    after_fresh_export: list[str]
    erasure_log: list[tuple]
    unbalanced: list[tuple]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _person(raw_dir: Path) -> tuple[str, list[str]]:
    """An email of a CRM contact that a login identified on a device: the email and every
    contact id, user id and anonymous id the exports link to it directly."""
    contacts = _rows(raw_dir / "crm_contacts.csv")
    identifies = _rows(raw_dir / "web_identifies.csv")
    for contact in contacts:
        email = contact["email"].strip().lower()
        linked = [row for row in identifies if row["email"].strip().lower() == email]
        if email and any(row["user_id"] and row["anonymous_id"] for row in linked):
            values = {email} | {
                c["contact_id"] for c in contacts if c["email"].strip().lower() == email
            }
            for row in linked:
                values |= {row["user_id"], row["anonymous_id"]} - {""}
            return email, sorted(values)
    raise AssertionError("the generated exports hold no contact identified on the web")


def _database_hits(settings: Settings, needles: list[str]) -> list[str]:
    """Text columns of every table and view of every schema that hold a needle (any case)."""
    hits = []
    with psycopg.connect(**postgres_params(settings)) as connection:
        columns = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
            " where data_type in ('text', 'character varying')"
            " and table_schema not in ('information_schema', 'pg_catalog')"
        ).fetchall()
        for schema, table, column in columns:
            condition = " or ".join(f'strpos(lower("{column}"), %s) > 0' for _ in needles)
            (count,) = connection.execute(
                f'select count(*) from "{schema}"."{table}" where {condition}',
                [needle.lower() for needle in needles],
            ).fetchone() or (0,)
            if count:
                hits.append(f"{schema}.{table}.{column} ({count} rows)")
    return hits


def _query(settings: Settings, sql: str) -> list[tuple]:
    with psycopg.connect(**postgres_params(settings)) as connection:
        return connection.execute(sql).fetchall()


def _file_hits(root: Path, needles: list[str], skip: Path) -> list[str]:
    lowered = [needle.lower().encode() for needle in needles]
    return [
        f"{path.relative_to(root)}: {needle.decode()}"
        for path in root.rglob("*")
        if path.is_file() and not path.is_relative_to(skip)
        for needle in lowered
        if needle in path.read_bytes().lower()
    ]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    work = tmp_path_factory.mktemp("erasure_postgres")
    raw_dir = work / "raw"
    generate(raw_dir, persons=PERSONS, seed=SEED, fmt="csv", progress=False)
    email, needles = _person(raw_dir)
    # As a user sets it up: the environment names the folder, the files and the target.
    settings = Settings.from_env(
        {
            "JOURNEY_RAW_DIR": str(raw_dir),
            "JOURNEY_DUCKDB_PATH": str(work / "warehouse" / "journey.duckdb"),
            "JOURNEY_REPORTS_DIR": str(work / "reports"),
            "JOURNEY_TARGET": "postgres",
            "JOURNEY_PG_DATABASE": DATABASE,
        }
    )

    def search() -> list[str]:
        return _database_hits(settings, needles) + _file_hits(work, needles, raw_dir)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(work / "dbt" / "target"))
        patch.setenv("DBT_LOG_PATH", str(work / "dbt" / "logs"))
        patch.setenv("DAGSTER_HOME", str(work / "dagster_home"))
        patch.delenv("JOURNEY_PRIVACY_KEY", raising=False)
        start_empty(settings)
        (raw_dir / "erasure_requests.csv").write_text(
            "request_id,identifier_type,identifier_value,requested_at\n"
            f"{REQUEST_ID},Email,  {email.upper()} ,2026-11-02T09:30:00+01:00\n"
        )
        codes = [run_job(settings)]
        after_erasure = search()
        erasure_log = _query(
            settings,
            "select request_id, identifiers_erased, landing_rows_removed from marts.erasure_log",
        )
        unbalanced = _query(
            settings, "select * from marts.agg_row_reconciliation where not is_balanced"
        )
        # The next export still holds the person, and no longer the request.
        (raw_dir / "erasure_requests.csv").unlink()
        codes.append(run_job(settings))
        yield Runs(codes, needles, after_erasure, search(), erasure_log, unbalanced)


def test_both_runs_succeed_and_the_person_has_several_identifiers(runs: Runs) -> None:
    assert runs.codes == [0, 0]
    assert len(runs.needles) >= 4


def test_no_schema_and_no_file_keeps_an_identifier_of_the_erased_person(runs: Runs) -> None:
    assert runs.after_erasure == []


def test_the_next_export_does_not_bring_the_person_back(runs: Runs) -> None:
    assert runs.after_fresh_export == []


def test_the_erasure_log_counts_the_landing_rows_and_the_reconciliation_balances(
    runs: Runs,
) -> None:
    ((request_id, identifiers, landing_rows),) = runs.erasure_log
    assert request_id == REQUEST_ID
    assert identifiers >= len(runs.needles)
    assert landing_rows > 0
    assert runs.unbalanced == []
