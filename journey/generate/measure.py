"""Mess that is easiest to count on the written text: emails and categorical spellings."""

import pyarrow as pa
import pyarrow.compute as pc

from journey.contract import EMAIL_COLUMNS
from journey.generate.ledger import Ledger
from journey.generate.spelling import EMAIL_PATTERN

CATEGORY_COLUMNS = (
    ("crm_deals", "deal_stage"),
    ("crm_orders", "status"),
    ("crm_activities", "activity_type"),
)
BLOCKLIST_SUFFIX = "@example.com"
BLOCKLIST_PREFIX = "test@"


def _count(mask: pa.ChunkedArray | pa.Array) -> int:
    return int(pc.sum(pc.cast(pc.fill_null(mask, False), "int64")).as_py() or 0)


def normalise(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    return pc.utf8_lower(pc.utf8_trim_whitespace(values))


def measure_text(tables: dict[str, pa.Table], ledger: Ledger) -> None:
    """Add the email and categorical mess found in a chunk's tables to the ledger."""
    for name, column in EMAIL_COLUMNS:
        values = tables[name][column]
        clean = normalise(values)
        valid = pc.match_substring_regex(clean, EMAIL_PATTERN)
        ledger.mess["email_case_space_variants"] += _count(
            pc.and_(valid, pc.not_equal(values, clean))
        )
        ledger.mess["invalid_emails"] += _count(pc.invert(valid))
        blocked = pc.or_(
            pc.ends_with(clean, BLOCKLIST_SUFFIX), pc.starts_with(clean, BLOCKLIST_PREFIX)
        )
        ledger.mess["blocklisted_emails"] += _count(pc.and_(valid, blocked))
    identifies = tables["web_identifies"]
    ledger.mess["form_post_identifies"] += _count(
        pc.and_(
            pc.and_(pc.is_valid(identifies["anonymous_id"]), pc.is_null(identifies["user_id"])),
            pc.is_valid(identifies["email"]),
        )
    )
    ledger.mess["orders_without_contact"] += _count(pc.is_null(tables["crm_orders"]["contact_id"]))
    ledger.mess["tickets_without_contact"] += _count(
        pc.is_null(tables["support_tickets"]["contact_id"])
    )
    for name, column in CATEGORY_COLUMNS:
        values = tables[name][column]
        ledger.mess["categorical_variants"] += _count(pc.not_equal(values, normalise(values)))


def is_blocklisted(email: str) -> bool:
    return email.endswith(BLOCKLIST_SUFFIX) or email.startswith(BLOCKLIST_PREFIX)
