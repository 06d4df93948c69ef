"""Identity resolution end to end on a small hand-written landing folder (SPEC §2, §8).

The fixture tells a few stories: Ann crosses four systems and two emails; a family computer is
used by four people (shared) while an office computer used by three is not; a team inbox is
the email of four contacts (shared); test and placeholder values are blocklisted; bot events,
superseded and deleted CRM versions and invalid emails link nothing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import duckdb
import pytest
from identity_dbt import DbtProject

TYPE_ORDER = {"contact_id": 1, "user_id": 2, "email": 3, "anonymous_id": 4}
HUMAN_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
BOT_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1)"


def event(event_id: str, anonymous_id: str, user_id: str, at: str, agent: str = HUMAN_AGENT):
    return {
        "event_id": event_id,
        "anonymous_id": anonymous_id,
        "user_id": user_id,
        "event_name": "page_view",
        "page_url": "https://shop.io/",
        "user_agent": agent,
        "event_at": at,
        "received_at": at,
    }


def contact(contact_id: str, email: str, updated_at: str, is_deleted: str = "false"):
    return {
        "contact_id": contact_id,
        "email": email,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": updated_at,
        "is_deleted": is_deleted,
    }


LANDING = {
    "web_events": [
        # Ann browses anonymously, then logs in on the same device.
        event("e1", "a-ann", "", "2024-01-03T09:00:00Z"),
        event("e2", "a-ann", "u-ann", "2024-01-03T09:05:00+01:00"),
        # A family computer with four users: shared. An office computer with three: not shared.
        event("e3", "family-pc", "u-dad", "2024-01-04T10:00:00Z"),
        event("e4", "family-pc", "u-mom", "2024-01-04T11:00:00Z"),
        event("e5", "family-pc", "u-kid1", "2024-01-04T12:00:00Z"),
        event("e6", "family-pc", "u-kid2", "2024-01-04T13:00:00Z"),
        event("e7", "office-pc", "u-x", "2024-01-05T10:00:00Z"),
        event("e8", "office-pc", "u-y", "2024-01-05T11:00:00Z"),
        event("e9", "office-pc", "u-z", "2024-01-05T12:00:00Z"),
        # Bots link nothing and bring no identifiers.
        event("e10", "a-bot", "u-ann", "2024-01-06T10:00:00Z", BOT_AGENT),
        event("e11", "a-ann", "u-bot", "2024-01-06T10:00:00Z", BOT_AGENT),
        # Placeholder ids are blocklisted (case-insensitive): the event keeps no link.
        event("e12", "undefined", "u-mom", "2024-01-06T11:00:00Z"),
        event("e13", "a-mom", "NULL", "2024-01-06T12:00:00Z"),
    ],
    "web_identifies": [
        {
            "anonymous_id": "a-ann-phone",
            "user_id": "u-ann",
            "email": " Ann@Shop.io ",
            "identified_at": "2024-01-02T08:00:00Z",
        },
        {
            "anonymous_id": "dad-phone",
            "user_id": "u-dad",
            "email": "dad@home.io",
            "identified_at": "2024-01-07T08:00:00Z",
        },
        # The email is blocklisted (test@%), the device-user link stays.
        {
            "anonymous_id": "a-tester",
            "user_id": "u-tester",
            "email": "test@shop.io",
            "identified_at": "2024-01-07T09:00:00Z",
        },
    ],
    "crm_contacts": [
        # Ann's contact; the older version carried another email, which is gone now.
        contact("C1", "old@shop.io", "2024-01-01T00:00:00Z"),
        contact("C1", "ANN@shop.io", "2024-02-01T00:00:00Z"),
        # A team inbox shared by four contacts.
        contact("C10", "support@team.io", "2024-01-01T00:00:00Z"),
        contact("C11", "support@team.io", "2024-01-01T00:00:00Z"),
        contact("C12", "Support@Team.io", "2024-01-01T00:00:00Z"),
        contact("C13", "support@team.io", "2024-01-01T00:00:00Z"),
        # Blocklisted domain, invalid email, deleted contact.
        contact("C20", "qa@example.com", "2024-01-01T00:00:00Z"),
        contact("C30", "not-an-email", "2024-01-01T00:00:00Z"),
        contact("C40", "gone@shop.io", "2024-01-01T00:00:00Z", is_deleted="true"),
    ],
    "crm_orders": [
        # A cancelled order still links Ann's contact to her work email.
        {
            "order_id": "O1",
            "contact_id": "C1",
            "email": "ann.work@corp.io",
            "order_total": "10",
            "currency": "USD",
            "status": "Cancelled",
            "ordered_at": "2024-02-02T00:00:00Z",
            "updated_at": "2024-02-02T00:00:00Z",
        },
    ],
    "support_tickets": [
        {
            "ticket_id": "T1",
            "requester_email": "ann.work@corp.io",
            "created_at": "2024-02-03T00:00:00Z",
            "updated_at": "2024-02-03T00:00:00Z",
        },
        # A ticket from the team inbox names a contact: the inbox is shared, so no link.
        {
            "ticket_id": "T2",
            "requester_email": "support@team.io",
            "contact_id": "C10",
            "created_at": "2024-02-04T00:00:00Z",
            "updated_at": "2024-02-04T00:00:00Z",
        },
    ],
    "crm_deals": [
        # A deal of the deleted contact keeps its contact_id as an identifier.
        {
            "deal_id": "D1",
            "contact_id": "C40",
            "deal_stage": "open",
            "amount": "1",
            "currency": "USD",
            "created_at": "2024-01-09T00:00:00Z",
            "updated_at": "2024-01-09T00:00:00Z",
        },
    ],
    "survey_nps": [
        {
            "response_id": "R1",
            "email": "Fan@Shop.io",
            "score": "10",
            "responded_at": "2024-03-01T00:00:00Z",
        },
    ],
}

# The customers the rules imply: every group is one connected component.
COMPONENTS: list[set[tuple[str, str]]] = [
    {
        ("contact_id", "C1"),
        ("user_id", "u-ann"),
        ("email", "ann@shop.io"),
        ("email", "ann.work@corp.io"),
        ("anonymous_id", "a-ann"),
        ("anonymous_id", "a-ann-phone"),
    },
    {("anonymous_id", "family-pc")},
    {("user_id", "u-dad"), ("email", "dad@home.io"), ("anonymous_id", "dad-phone")},
    {("user_id", "u-mom")},
    {("user_id", "u-kid1")},
    {("user_id", "u-kid2")},
    {("user_id", "u-x"), ("user_id", "u-y"), ("user_id", "u-z"), ("anonymous_id", "office-pc")},
    {("user_id", "u-tester"), ("anonymous_id", "a-tester")},
    {("anonymous_id", "a-mom")},
    {("email", "support@team.io")},
    {("contact_id", "C10")},
    {("contact_id", "C11")},
    {("contact_id", "C12")},
    {("contact_id", "C13")},
    {("contact_id", "C20")},
    {("contact_id", "C30")},
    {("contact_id", "C40")},
    {("email", "fan@shop.io")},
]
SHARED = {("anonymous_id", "family-pc"), ("email", "support@team.io")}


def customer_id(component: set[tuple[str, str]]) -> str:
    """SPEC §2: md5('type:value') of the smallest identifier, by type order then value."""
    identifier_type, value = min(component, key=lambda item: (TYPE_ORDER[item[0]], item[1]))
    return hashlib.md5(f"{identifier_type}:{value}".encode()).hexdigest()


@pytest.fixture(scope="module")
def identifiers(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], tuple[str, bool, datetime]]:
    project = DbtProject(tmp_path_factory.mktemp("identity"))
    project.write_landing(LANDING)
    completed = project.dbt("build", "--select", "+dim_customer_identifiers")
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr
    with duckdb.connect(str(project.duckdb_path), read_only=True) as con:
        rows = con.execute(
            "select identifier_type, identifier_value, customer_id, is_shared, first_seen_at"
            " from marts.dim_customer_identifiers"
        ).fetchall()
    return {(row[0], row[1]): (row[2], row[3], row[4]) for row in rows}


def test_exactly_the_expected_identifiers(identifiers) -> None:
    expected = set().union(*COMPONENTS)
    assert set(identifiers) == expected
    # Blocklisted, invalid, superseded, deleted-row and bot-only values are no identifiers.
    for absent in [
        ("email", "qa@example.com"),
        ("email", "test@shop.io"),
        ("email", "not-an-email"),
        ("email", "old@shop.io"),
        ("email", "gone@shop.io"),
        ("anonymous_id", "undefined"),
        ("user_id", "NULL"),
        ("anonymous_id", "a-bot"),
        ("user_id", "u-bot"),
    ]:
        assert absent not in identifiers


def test_components_and_customer_ids(identifiers) -> None:
    for component in COMPONENTS:
        expected = customer_id(component)
        assert {identifiers[member][0] for member in component} == {expected}, component
    assert len({identifiers[next(iter(c))][0] for c in COMPONENTS}) == len(COMPONENTS)


def test_customer_id_spelled_out(identifiers) -> None:
    ann = hashlib.md5(b"contact_id:C1").hexdigest()
    assert identifiers[("anonymous_id", "a-ann")][0] == ann
    assert identifiers[("email", "ann.work@corp.io")][0] == ann
    assert identifiers[("user_id", "u-z")][0] == hashlib.md5(b"user_id:u-x").hexdigest()
    family = hashlib.md5(b"anonymous_id:family-pc").hexdigest()
    assert identifiers[("anonymous_id", "family-pc")][0] == family


def test_shared_flags(identifiers) -> None:
    assert {key for key, (_, is_shared, _) in identifiers.items() if is_shared} == SHARED


def test_first_seen_at(identifiers) -> None:
    # Ann's user id: identified_at 08:00 on the 2nd, before the 09:05+01:00 login event.
    assert identifiers[("user_id", "u-ann")][2] == datetime(2024, 1, 2, 8, 0)
    assert identifiers[("anonymous_id", "a-ann")][2] == datetime(2024, 1, 3, 8, 5)
    assert identifiers[("contact_id", "C40")][2] == datetime(2024, 1, 9)
