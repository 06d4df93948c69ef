"""Which persons the CRM knows as contacts, their contact ids and when they were created."""

from dataclasses import dataclass

import numpy as np

from journey.generate import config as cfg
from journey.generate.arrays import earliest, min_per_group
from journey.generate.people import People, whole_seconds
from journey.generate.web import WebFacts


@dataclass
class ContactIds:
    has_contact: np.ndarray
    number: np.ndarray  # global contact number, -1 without a contact
    created_at: np.ndarray
    known_since: np.ndarray  # first moment the business had the person's email, else NULL_TS


def assign_contacts(
    rng: np.random.Generator, people: People, facts: WebFacts, first_contact: int
) -> ContactIds:
    """A contact for signed-up persons (the CRM sync misses a few) and for demo requesters."""
    signed = facts.signup_at != cfg.NULL_TS
    demo = facts.demo_at != cfg.NULL_TS
    has_contact = people.wants_contact & (signed | demo)
    number = np.where(has_contact, first_contact + np.cumsum(has_contact) - 1, -1)
    first_seen = earliest(facts.signup_at, facts.demo_at)
    # The sync runs every few minutes.
    sync = cfg.MINUTE + rng.integers(0, 20 * 60, people.size) * cfg.SECOND
    created_at = np.where(has_contact, whole_seconds(first_seen) + sync, cfg.NULL_TS)
    placed = facts.order_at != cfg.NULL_TS
    first_order = min_per_group(people.size, people.order_person[placed], facts.order_at[placed])
    known = earliest(first_seen, first_order)
    return ContactIds(
        has_contact=has_contact,
        number=number,
        created_at=created_at,
        known_since=np.where(known == cfg.NULL_TS, cfg.NULL_TS, whole_seconds(known)),
    )
