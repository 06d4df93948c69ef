"""Ground truth per person, read back from the rows that were written (for tests only)."""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.generate import config as cfg
from journey.generate.arrays import hex_ids, numbered
from journey.generate.contacts_ids import ContactIds
from journey.generate.ledger import Ledger
from journey.generate.measure import BLOCKLIST_PREFIX, BLOCKLIST_SUFFIX
from journey.generate.people import People
from journey.generate.timefmt import canonical_text
from journey.generate.web import WebFacts

TRUTH_COLUMNS = (
    "person_id",
    "contact_id",
    "user_id",
    "primary_email",
    "anonymous_ids",
    "first_event_at",
    "visited_anonymously_before_signup",
    "signed_up",
    "purchased",
    "first_purchase_at",
    "is_clean",
    "segment",
)
TRUTH_SCHEMA = pa.schema([pa.field(column, pa.string()) for column in TRUTH_COLUMNS])
MESS_KINDS = (
    "cdc_versions",
    "cdc_exact_ties",
    "deleted_contacts",
    "email_case_space_variants",
    "invalid_emails",
    "mixed_offsets",
    "duplicate_event_ids",
    "late_events",
    "clock_skew_events",
    "bot_events",
    "eur_amounts",
    "shared_devices",
    "team_inboxes",
    "blocklisted_emails",
    "categorical_variants",
    "server_side_identifies",
    "form_post_identifies",
    "orders_without_contact",
    "tickets_without_contact",
    "deals_without_contact",
    "deals_without_account",
    "internal_referrers",
    "one_digit_hours",
    "date_only_timestamps",
)


def _flag(values: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int8)).cast(pa.string())


def truth_table(
    people: People,
    web: WebFacts,
    contacts: ContactIds,
    deleted: np.ndarray,
    first_purchase: np.ndarray,
    ledger: Ledger,
    seed: int,
) -> pa.Table:
    """One row per person: their identifiers and what their journey reached."""
    email = people.email
    blocklisted = np.asarray(
        pc.or_(pc.ends_with(email, BLOCKLIST_SUFFIX), pc.starts_with(email, BLOCKLIST_PREFIX))
    )
    # Shared devices, team inboxes, broken rows, deleted contacts and test emails all make a
    # person's identity ambiguous on purpose; "clean" persons have none of it.
    clean = ~(ledger.unclean | deleted | blocklisted)
    signed = web.signup_at != cfg.NULL_TS
    anon = [
        pc.if_else(
            pa.array(numbers >= 0),
            hex_ids("anon-", np.maximum(numbers, 0), seed),
            pa.scalar(None, pa.string()),
        )
        for numbers in web.anon_numbers
    ]
    columns = {
        "person_id": numbered("P", people.number, 7),
        "contact_id": numbered("C", np.maximum(contacts.number, 0), 7, mask=~contacts.has_contact),
        "user_id": numbered("u", np.maximum(web.user_number, 0), 7, mask=~signed),
        "primary_email": pc.if_else(
            pa.array(ledger.email_written), email, pa.scalar(None, pa.string())
        ),
        "anonymous_ids": pc.binary_join_element_wise(*anon, ";", null_handling="skip"),
        "first_event_at": canonical_text(web.first_event_at),
        "visited_anonymously_before_signup": _flag(web.anonymous_before_signup),
        "signed_up": _flag(signed),
        "purchased": _flag(first_purchase != cfg.NULL_TS),
        "first_purchase_at": canonical_text(first_purchase),
        "is_clean": _flag(clean),
        "segment": pa.array(np.where(people.b2b, "b2b", "b2c")),
    }
    return pa.Table.from_pydict(columns, schema=TRUTH_SCHEMA)
