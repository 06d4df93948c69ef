"""support_tickets: help-desk tickets, one row per status change."""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.generate import config as cfg
from journey.generate import vocab
from journey.generate.arrays import min_per_group, numbered, pick
from journey.generate.contacts_ids import ContactIds
from journey.generate.ledger import Ledger
from journey.generate.people import People, exp_duration, whole_seconds
from journey.generate.schema import table
from journey.generate.spelling import spell_emails
from journey.generate.timefmt import format_instants, with_fractions
from journey.generate.versions import count_changes, last_rows, tie_rows, walk_paths

STATUSES = ("new", "open", "pending", "solved", "closed")
NEW, OPEN, PENDING, SOLVED, CLOSED = range(5)
_PATHS = (
    (NEW,),
    (NEW, OPEN),
    (NEW, OPEN, PENDING),
    (NEW, OPEN, SOLVED),
    (NEW, OPEN, PENDING, OPEN, SOLVED),
    (NEW, OPEN, SOLVED, CLOSED),
)
_PATH_P = (0.05, 0.10, 0.08, 0.45, 0.17, 0.15)
_MIN_GAP = np.array([0, 10 * cfg.MINUTE, cfg.HOUR, 30 * cfg.MINUTE, 4 * cfg.DAY])
_MEAN_GAP = np.array([0, 4 * cfg.HOUR, cfg.DAY, 2 * cfg.DAY, cfg.DAY])
_SUBJECTS = [
    subject for category in vocab.TICKET_CATEGORIES for subject in vocab.TICKET_SUBJECTS[category]
]
_SUBJECT_START = np.cumsum([0] + [len(vocab.TICKET_SUBJECTS[c]) for c in vocab.TICKET_CATEGORIES])[
    :-1
]
_SUBJECT_COUNT = np.array([len(vocab.TICKET_SUBJECTS[c]) for c in vocab.TICKET_CATEGORIES])
_ONBOARDING = vocab.TICKET_CATEGORIES.index("onboarding")


def _team_inboxes(
    rng: np.random.Generator, people: People, contacts: ContactIds
) -> tuple[np.ndarray, list[str]]:
    """Groups of five B2B contacts writing in from one shared team address.

    Returns the member persons and, per member, the shared address.
    """
    b2b = np.flatnonzero(contacts.has_contact & people.b2b)
    b2b = b2b[np.argsort(people.account[b2b], kind="stable")]  # colleagues sit together
    blocks = len(b2b) // 5
    wanted = min(blocks, max(1, round(people.size * cfg.TEAM_INBOX_RATE)))
    chosen = (
        np.sort(rng.choice(blocks, size=wanted, replace=False))
        if wanted
        else np.zeros(0, dtype=np.int64)
    )
    members = (chosen[:, None] * 5 + np.arange(5)).ravel()
    persons = b2b[members]
    local = rng.integers(0, len(vocab.TEAM_INBOX_LOCALS), wanted)
    lead = people.account[b2b[chosen * 5]]
    inboxes = [
        f"{vocab.TEAM_INBOX_LOCALS[local[g]]}@{people.accounts.domain[lead[g]]}"
        for g in range(wanted)
    ]
    return persons, [inboxes[g] for g in range(wanted) for _ in range(5)]


def build_tickets(
    rng: np.random.Generator,
    people: People,
    contacts: ContactIds,
    first_purchase: np.ndarray,
    first_ticket: int,
    ledger: Ledger,
) -> tuple[pa.Table, int]:
    """Tickets of known persons (some before, most after buying) plus team-inbox tickets.

    Returns the table and the number of tickets (ids used).
    """
    n = people.size
    known = contacts.known_since != cfg.NULL_TS
    purchased = first_purchase != cfg.NULL_TS
    person = np.repeat(
        np.arange(n), np.where(known, rng.poisson(np.where(purchased, 0.55, 0.15)), 0)
    )
    after_purchase = purchased[person] & (rng.random(len(person)) < 0.6)
    created = np.where(
        after_purchase,
        whole_seconds(first_purchase[person])
        + cfg.HOUR
        + exp_duration(rng, 20 * cfg.DAY, len(person)),
        contacts.known_since[person]
        + cfg.HOUR
        + whole_seconds(rng.random(len(person)) * 180 * cfg.DAY),
    )
    fits = created <= cfg.PLAN_END
    person, created = person[fits], created[fits]
    normal = len(person)

    team, inbox = _team_inboxes(rng, people, contacts)
    team_created = (
        contacts.created_at[team] + cfg.DAY + whole_seconds(rng.random(len(team)) * 120 * cfg.DAY)
    )
    team_created = np.maximum(
        np.minimum(team_created, cfg.PLAN_END), contacts.created_at[team] + cfg.HOUR
    )
    person = np.concatenate([person, team])
    created = np.concatenate([created, team_created])
    is_team = np.arange(len(person)) >= normal
    ledger.spoil(team)

    count = len(person)
    category = rng.integers(0, len(vocab.TICKET_CATEGORIES) - 1, count)
    category = np.where(people.b2b[person] & (rng.random(count) < 0.3), _ONBOARDING, category)
    subject = _SUBJECT_START[category] + (rng.random(count) * _SUBJECT_COUNT[category]).astype(
        np.int64
    )
    channel = np.where(
        is_team, 0, rng.choice(len(vocab.TICKET_CHANNELS), size=count, p=vocab.TICKET_CHANNEL_P)
    )
    priority = rng.choice(len(vocab.TICKET_PRIORITIES), size=count, p=vocab.TICKET_PRIORITY_P)
    with_contact = contacts.has_contact[person] & ((rng.random(count) < 0.7) | is_team)
    # Phone tickets of known contacts often carry no email; a row always keeps one identifier.
    no_email = (
        with_contact
        & ~is_team
        & (channel == vocab.TICKET_CHANNELS.index("phone"))
        & (rng.random(count) < 0.5)
    )

    path = rng.choice(len(_PATHS), size=count, p=_PATH_P)
    ticket, _, status, at = walk_paths(rng, _PATHS, path, created, _MIN_GAP, _MEAN_GAP)
    at = with_fractions(rng, at)
    rows, tied = tie_rows(rng, ticket)
    twin = np.zeros(len(rows), dtype=bool)
    twin[1:] = rows[1:] == rows[:-1]
    ticket, status, at = ticket[rows], status[rows], at[rows]
    row_person = person[ticket]

    # First response and solution stay on every later version once they happened.
    first_open = min_per_group(count, ticket[status == OPEN], at[status == OPEN])
    first_solved = min_per_group(count, ticket[status == SOLVED], at[status == SOLVED])
    responded = (first_open[ticket] != cfg.NULL_TS) & (at >= first_open[ticket])
    first_response_at = np.where(responded, first_open[ticket], cfg.NULL_TS)
    was_solved = (first_solved[ticket] != cfg.NULL_TS) & (at >= first_solved[ticket])
    solved_at = np.where(was_solved, first_solved[ticket], cfg.NULL_TS)
    rated = last_rows(ticket) & np.isin(status, (SOLVED, CLOSED))
    rating = np.where(
        rated,
        rng.choice(len(vocab.SATISFACTION_RATINGS), size=len(rows), p=vocab.SATISFACTION_P),
        -1,
    )
    row_priority = np.where(
        twin, (priority[ticket] + 1) % len(vocab.TICKET_PRIORITIES), priority[ticket]
    )

    own = ~is_team[ticket]
    own_emails, invalid = spell_emails(rng, people.email.take(pa.array(row_person)))
    team_base = pa.array(inbox or [None], type=pa.string()).take(
        pa.array(np.maximum(ticket - normal, 0))
    )
    team_emails, _ = spell_emails(rng, team_base, allow_invalid=False)
    emails = pc.if_else(pa.array(own), own_emails, team_emails)
    has_email = ~no_email[ticket]
    emails = pc.if_else(pa.array(has_email), emails, pa.scalar(None, pa.string()))
    ledger.own_emails(row_person[own], has_email[own], (invalid & has_email)[own])
    team_contacts: dict[str, set[int]] = {}
    for address, member in zip(inbox, team, strict=True):
        team_contacts.setdefault(address, set()).add(int(contacts.number[member]))
    ledger.mess["team_inboxes"] += sum(len(members) > 3 for members in team_contacts.values())

    created_at = with_fractions(rng, created)
    texts = {
        name: format_instants(rng, values, canonical=tied if name == "updated_at" else None)
        for name, values in (
            ("created_at", created_at[ticket]),
            ("first_response_at", first_response_at),
            ("solved_at", solved_at),
            ("updated_at", at),
        )
    }
    ledger.mess["mixed_offsets"] += sum(odd for _, odd in texts.values())
    count_changes(ledger, ticket, at)
    tickets = table(
        "support_tickets",
        ticket_id=numbered("T", first_ticket + ticket, 7),
        requester_email=emails,
        contact_id=numbered(
            "C", np.maximum(contacts.number[row_person], 0), 7, mask=~with_contact[ticket]
        ),
        channel=pick(vocab.TICKET_CHANNELS, channel[ticket]),
        subject=pick(_SUBJECTS, subject[ticket]),
        category=pick(vocab.TICKET_CATEGORIES, category[ticket]),
        priority=pick(vocab.TICKET_PRIORITIES, row_priority),
        status=pick(STATUSES, status),
        satisfaction_rating=pick(vocab.SATISFACTION_RATINGS, rating),
        created_at=texts["created_at"][0],
        first_response_at=texts["first_response_at"][0],
        solved_at=texts["solved_at"][0],
        updated_at=texts["updated_at"][0],
    )
    return tickets.take(pa.array(np.argsort(at, kind="stable"))), count
