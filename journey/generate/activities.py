"""crm_activities: marketing emails, webinars, calls and meetings logged against contacts."""

import numpy as np
import pyarrow as pa

from journey.contract import ACTIVITY_TYPES
from journey.generate import config as cfg
from journey.generate.arrays import numbered, pick
from journey.generate.contacts_ids import ContactIds
from journey.generate.ledger import Ledger
from journey.generate.people import People, exp_duration, whole_seconds
from journey.generate.schema import table
from journey.generate.spelling import vary_case
from journey.generate.timefmt import format_instants, with_fractions

SENT, OPENED, CLICKED, WEBINAR, CALL, MEETING = range(6)


def _spread(
    rng: np.random.Generator, owners: np.ndarray, counts: np.ndarray, start: np.ndarray, span: float
) -> tuple[np.ndarray, np.ndarray]:
    person = np.repeat(owners, counts[owners])
    at = start[person] + whole_seconds(rng.random(len(person)) * span)
    return person, at


def build_activities(
    rng: np.random.Generator,
    people: People,
    contacts: ContactIds,
    deal_created: np.ndarray,
    demo_at: np.ndarray,
    first_activity: int,
    ledger: Ledger,
) -> pa.Table:
    n = people.size
    owner = np.flatnonzero(contacts.has_contact)
    created = contacts.created_at
    b2b = people.b2b

    # Newsletters after the contact exists; some are opened, fewer clicked.
    sent_person, sent_at = _spread(
        rng, owner, rng.poisson(np.where(b2b, 5.0, 3.0)), created + cfg.DAY, 300 * cfg.DAY
    )
    opened = rng.random(len(sent_person)) < 0.45
    open_at = sent_at[opened] + 5 * cfg.MINUTE + exp_duration(rng, 6 * cfg.HOUR, int(opened.sum()))
    clicked = rng.random(len(open_at)) < 0.35
    click_at = (
        open_at[clicked] + 10 * cfg.SECOND + exp_duration(rng, 2 * cfg.MINUTE, int(clicked.sum()))
    )
    webinar = owner[rng.random(len(owner)) < np.where(b2b[owner], 0.35, 0.05)]
    webinar_at = created[webinar] + cfg.DAY + exp_duration(rng, 30 * cfg.DAY, len(webinar))

    # Sales touches around a deal; a demo without a deal still gets a follow-up call.
    with_deal = np.flatnonzero(deal_created != cfg.NULL_TS)
    call_person, call_at = _spread(
        rng, with_deal, rng.integers(1, 5, n), deal_created, 45 * cfg.DAY
    )
    meet_person, meet_at = _spread(
        rng, with_deal, rng.integers(0, 3, n), deal_created, 45 * cfg.DAY
    )
    follow_up = np.flatnonzero(
        contacts.has_contact & (demo_at != cfg.NULL_TS) & (deal_created == cfg.NULL_TS)
    )
    follow_at = (
        whole_seconds(demo_at[follow_up]) + cfg.DAY + exp_duration(rng, cfg.DAY, len(follow_up))
    )

    person = np.concatenate(
        [
            sent_person,
            sent_person[opened],
            sent_person[opened][clicked],
            webinar,
            call_person,
            meet_person,
            follow_up,
        ]
    )
    at = np.concatenate([sent_at, open_at, click_at, webinar_at, call_at, meet_at, follow_at])
    kind = np.concatenate(
        [
            np.full(len(sent_person), SENT),
            np.full(len(open_at), OPENED),
            np.full(len(click_at), CLICKED),
            np.full(len(webinar), WEBINAR),
            np.full(len(call_person), CALL),
            np.full(len(meet_person), MEETING),
            np.full(len(follow_up), CALL),
        ]
    )
    kept = at < cfg.END
    occurred = with_fractions(rng, at[kept])
    order = np.argsort(occurred, kind="stable")
    person, kind, occurred = person[kept][order], kind[kept][order], occurred[order]
    occurred_text, odd = format_instants(rng, occurred)
    ledger.mess["mixed_offsets"] += odd
    return table(
        "crm_activities",
        activity_id=numbered("ACT", first_activity + np.arange(len(person)), 8),
        contact_id=numbered("C", contacts.number[person], 7),
        activity_type=vary_case(rng, pick(ACTIVITY_TYPES, kind)),
        occurred_at=occurred_text,
    )
