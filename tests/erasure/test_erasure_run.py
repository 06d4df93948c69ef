"""Erasure requests end to end: three real `journey_daily` runs (dbt, GX, Dagster)
on generated data. The first builds the warehouse and its reports without a request; the
second carries a request naming one email of a customer with several identifiers; the third
reads an export that still holds the person but no longer the request."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from erasure.stores import raw_spellings, run_environment, search_everything, work_settings

from journey.generate import generate
from journey.privacy import identity_path, key_file
from journey.settings import Settings
from orchestration.run import run_job

pytestmark = pytest.mark.slow

PERSONS = 200
SEED = 7
REQUEST_ID = "ER-0001"


@dataclass(frozen=True)
class Person:
    customer_id: str
    identifiers: dict[str, list[str]]  # identifier type -> values as the marts hold them

    @property
    def values(self) -> list[str]:
        return [value for values in self.identifiers.values() for value in values]


@dataclass
class Runs:
    work: Path
    settings: Settings
    person: Person
    codes: list[int]
    after_erasure: dict[str, list[str]]
    after_fresh_export: dict[str, list[str]]
    erasure_log: list[tuple]
    reconciliation: list[tuple]


def _pick_person(warehouse: Path) -> Person:
    """The customer with most identifiers among those with a contact, a user id, an email
    and an anonymous id (none shared)."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        customer_id = connection.execute(
            "select customer_id from marts.dim_customer_identifiers group by customer_id"
            " having count(distinct identifier_type) = 4 and not bool_or(is_shared)"
            " order by count(*) desc, customer_id limit 1"
        ).fetchone()[0]
        rows = connection.execute(
            "select identifier_type, identifier_value from marts.dim_customer_identifiers"
            " where customer_id = ? order by 1, 2",
            [customer_id],
        ).fetchall()
    identifiers: dict[str, list[str]] = {}
    for identifier_type, value in rows:
        identifiers.setdefault(identifier_type, []).append(value)
    return Person(customer_id, identifiers)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    work = tmp_path_factory.mktemp("erasure")
    raw_dir = work / "raw"
    generate(raw_dir, persons=PERSONS, seed=SEED, fmt="csv", progress=False)
    settings = work_settings(work, raw_dir)
    with run_environment(work):
        codes = [run_job(settings)]
        person = _pick_person(identity_path(settings.duckdb_path))
        email = person.identifiers["email"][0]
        (raw_dir / "erasure_requests.csv").write_text(
            "request_id,identifier_type,identifier_value,requested_at\n"
            f"{REQUEST_ID},Email,  {email.upper()} ,2026-11-02T09:30:00+01:00\n"
        )
        codes.append(run_job(settings))
        needles = sorted(set(person.values) | set(raw_spellings(raw_dir, person.values)))
        after_erasure = search_everything(work, raw_dir, needles)
        with duckdb.connect(str(settings.duckdb_path), read_only=True) as connection:
            erasure_log = connection.execute("select * from marts.erasure_log").fetchall()
            reconciliation = connection.execute(
                "select table_name, raw_rows, used_rows, superseded_rows, quarantined_rows,"
                " erased_rows, is_balanced from marts.agg_row_reconciliation order by 1"
            ).fetchall()

        # A fresh export: the request is gone, the person's rows are all still there.
        (raw_dir / "erasure_requests.csv").unlink()
        fresh = tmp_path_factory.mktemp("fresh_export") / "raw"
        generate(fresh, persons=PERSONS, seed=SEED, fmt="csv", progress=False)
        for path in fresh.glob("*.csv"):
            shutil.copyfile(path, raw_dir / path.name)
        shutil.rmtree(fresh)
        # Files a daily run already processed may not change: a new full export is taken
        # with a full refresh.
        codes.append(run_job(settings, full_refresh=True))
        after_fresh_export = search_everything(work, raw_dir, needles)
        yield Runs(
            work,
            settings,
            person,
            codes,
            after_erasure,
            after_fresh_export,
            erasure_log,
            reconciliation,
        )


def test_runs_succeed_and_the_person_has_several_identifiers(runs: Runs) -> None:
    assert runs.codes == [0, 0, 0]
    assert set(runs.person.identifiers) == {"contact_id", "user_id", "email", "anonymous_id"}
    assert len(runs.person.values) >= 5


def test_no_store_keeps_an_identifier_of_the_erased_person(runs: Runs) -> None:
    assert runs.after_erasure == {"tables": [], "files": []}


def test_a_fresh_export_does_not_bring_the_person_back(runs: Runs) -> None:
    assert runs.after_fresh_export == {"tables": [], "files": []}
    with duckdb.connect(str(runs.settings.duckdb_path), read_only=True) as connection:
        customers = connection.execute(
            "select count(*) from marts.dim_customers where customer_id = ?",
            [runs.person.customer_id],
        ).fetchone()[0]
    assert customers == 0


def test_erasure_log_counts_without_identifiers(runs: Runs) -> None:
    assert len(runs.erasure_log) == 1
    (
        request_id,
        requested_at,
        erased_at,
        identifiers,
        landing_rows,
        _rejected,
        warehouse_rows,
        _files,
        _runs,
    ) = runs.erasure_log[0]
    assert request_id == REQUEST_ID
    assert str(requested_at) == "2026-11-02 08:30:00"
    assert erased_at is not None
    assert identifiers == len(runs.person.values)
    # The request row itself and at least one row per identifier of the person.
    assert landing_rows > len(runs.person.values)
    assert warehouse_rows > 0


def test_reconciliation_balances_with_erased_rows(runs: Runs) -> None:
    by_table = {row[0]: row for row in runs.reconciliation}
    assert all(row[-1] for row in runs.reconciliation), runs.reconciliation
    assert by_table["erasure_requests"][5] == 1
    for table in ("crm_contacts", "web_events", "web_identifies"):
        assert by_table[table][5] > 0, table
    for table, raw, used, superseded, quarantined, erased, _ in runs.reconciliation:
        assert raw == used + superseded + quarantined + erased, table


def test_the_privacy_key_is_private_and_kept(runs: Runs) -> None:
    key_file_path = key_file(runs.settings.duckdb_path)
    assert key_file_path.stat().st_mode & 0o777 == 0o600
    assert len(key_file_path.read_text().strip()) == 64
