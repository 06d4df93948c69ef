"""Erasure when the exports come in the tools' own shapes: one real `journey_daily` run on
generated data whose web events are Snowplow's, whose CRM is HubSpot's and whose tickets are
Zendesk's (journey.generate.vendor), with a request naming one email of a person who is in all
three. The tool tables (`landing.<tool>__<table>`: contacts, deal and engagement links, ticket
requesters, field history) must lose the person as the canonical tables do."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from erasure.stores import raw_spellings, run_environment, search_everything, work_settings

from journey.contract import TOOL_CHILDREN, TOOL_IDENTIFIERS
from journey.generate import generate
from journey.generate.vendor import VENDOR_TOOLS
from journey.privacy import identity_path
from orchestration.run import run_job

pytestmark = pytest.mark.slow

PERSONS = 150
SEED = 5
REQUEST_ID = "ER-TOOLS-1"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Person:
    email: str
    contact_id: str
    values: list[str]  # every identifier the generator gave the person


@dataclass
class Run:
    code: int
    work: Path
    raw_dir: Path
    person: Person
    hits: dict[str, list[str]]
    tool_rows: dict[str, tuple[int, int]]  # tool table -> (rows exported, rows kept)
    reconciliation: dict[str, tuple]


def _pick_person(raw_dir: Path) -> Person:
    """A person with a contact, a login and devices, who asked for support (a Zendesk
    requester) and is a HubSpot deal's contact."""
    requesters = {row["external_id"] for row in _rows(raw_dir / "zendesk" / "user.csv")}
    deal_contacts = {row["contact_id"] for row in _rows(raw_dir / "hubspot" / "deal_contact.csv")}
    for row in _rows(raw_dir / "_truth" / "persons.csv"):
        if (
            row["contact_id"] in requesters & deal_contacts
            and row["user_id"]
            and row["primary_email"]
            and row["anonymous_ids"]
        ):
            values = [row["contact_id"], row["user_id"], row["primary_email"]]
            return Person(
                row["primary_email"], row["contact_id"], values + row["anonymous_ids"].split(";")
            )
    raise AssertionError("the generated exports hold no such person")


def _exported_rows(raw_dir: Path) -> dict[str, int]:
    return {
        f"{path.parent.name}__{path.stem}": len(_rows(path))
        for tool in VENDOR_TOOLS
        for path in (raw_dir / tool).glob("*.csv")
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    work = tmp_path_factory.mktemp("erasure_tools")
    raw_dir = work / "raw"
    generate(
        raw_dir, persons=PERSONS, seed=SEED, fmt="csv", progress=False, vendor_shapes=VENDOR_TOOLS
    )
    person = _pick_person(raw_dir)
    (raw_dir / "erasure_requests.csv").write_text(
        "request_id,identifier_type,identifier_value,requested_at\n"
        f"{REQUEST_ID},email,{person.email.upper()},2026-11-02T09:30:00Z\n"
    )
    settings = work_settings(work, raw_dir)
    with run_environment(work):
        code = run_job(settings)
    needles = sorted(set(person.values) | set(raw_spellings(raw_dir, person.values)))
    exported = _exported_rows(raw_dir)
    tool_rows: dict[str, tuple[int, int]] = {}
    with duckdb.connect(str(identity_path(settings.duckdb_path)), read_only=True) as connection:
        for table, rows in exported.items():
            kept = connection.execute(f"select count(*) from landing.{table}").fetchone()[0]
            tool_rows[table] = (rows, kept)
        reconciliation = {
            row[0]: row[1:]
            for row in connection.execute(
                "select table_name, raw_rows, erased_rows, is_balanced"
                " from marts.agg_row_reconciliation"
            ).fetchall()
        }
    yield Run(
        code,
        work,
        raw_dir,
        person,
        search_everything(work, raw_dir, needles),
        tool_rows,
        reconciliation,
    )


def test_the_run_succeeds_on_tool_exports_with_a_request(run: Run) -> None:
    assert run.code == 0
    assert len(run.person.values) >= 4


def test_no_store_keeps_an_identifier_of_the_erased_person(run: Run) -> None:
    assert run.hits == {"tables": [], "files": []}


def test_the_tool_tables_lose_the_person_and_their_links(run: Run) -> None:
    lost = {table for table, (exported, kept) in run.tool_rows.items() if kept < exported}
    # The tables an adapter maps (through its own joins), the tables that name the person
    # directly, and the rows that exist for a deleted row.
    assert {"snowplow__events", "hubspot__contact", "zendesk__ticket"} <= lost
    assert {"hubspot__deal_contact", "zendesk__user"} <= lost & set(TOOL_IDENTIFIERS)
    assert "zendesk__ticket_field_history" in lost & {
        child for children in TOOL_CHILDREN.values() for child, _, _ in children
    }
    # Nothing is deleted that is not the person's: every table keeps rows, and companies,
    # which name no person, keep every row.
    assert all(kept > 0 for exported, kept in run.tool_rows.values() if exported)
    exported, kept = run.tool_rows["hubspot__company"]
    assert exported == kept > 0


def test_rows_erased_from_tool_tables_are_reconciled(run: Run) -> None:
    assert all(balanced for _, _, balanced in run.reconciliation.values()), run.reconciliation
    for table in ("web_events", "crm_contacts", "support_tickets"):
        _, erased_rows, _ = run.reconciliation[table]
        assert erased_rows > 0, table
    exported = _exported_rows(run.raw_dir)
    assert run.reconciliation["support_tickets"][0] == exported["zendesk__ticket"]
    assert run.reconciliation["web_events"][0] == exported["snowplow__events"]
