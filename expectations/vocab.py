"""Vocabularies the suites accept, as SPEC §1 and the mart contract name them.

Currencies come from the FX seed, because analysts extend that list; the rest is the contract
itself, so a mart that invents a stage or channel is caught rather than silently accepted.
"""

from __future__ import annotations

import csv
from functools import cache

# The SPEC §1 categorical lists, re-exported for the suites.
from journey.contract import ACTIVITY_TYPES as ACTIVITY_TYPES
from journey.contract import CLOSED_DEAL_STAGES as CLOSED_DEAL_STAGES
from journey.contract import EVENT_NAMES as EVENT_NAMES
from journey.contract import ORDER_STATUSES as ORDER_STATUSES
from journey.contract import TRUE_SPELLINGS
from journey.settings import LANDING_TABLES, PROJECT_DIR

STAGES = ("awareness", "consideration", "decision", "purchase", "retention", "advocacy")
STAGE_RANKS = (1, 6)

WEB_CHANNELS = (
    "paid_search",
    "paid_social",
    "display",
    "email",
    "affiliate",
    "organic_search",
    "organic_social",
    "referral",
    "direct",
)
CRM_CHANNELS = ("sales", "support", "survey", "webinar")
CHANNELS = WEB_CHANNELS + CRM_CHANNELS
UNATTRIBUTED = "unattributed"

TOUCHPOINT_TYPES = (
    "web_session",
    "signup",
    "demo_request",
    "add_to_cart",
    "checkout_started",
    "review_submitted",
    "email_opened",
    "email_clicked",
    "webinar_attended",
    "call",
    "meeting",
    "deal_created",
    "deal_won",
    "deal_lost",
    "order",
    "ticket_opened",
    "nps_response",
)
CONVERSION_TYPES = ("order", "deal_won")
ATTRIBUTION_MODELS = ("first_touch", "last_touch", "linear", "position_based", "time_decay")
IDENTIFIER_TYPES = ("contact_id", "user_id", "email", "anonymous_id")
QUARANTINE_SCOPES = ("row", "value")

# is_deleted spellings: true for true/t/1/yes (SPEC §1), and their usual opposites.
BOOLEAN_SPELLINGS = (*TRUE_SPELLINGS, "false", "f", "0", "no")

RAW_TABLES = LANDING_TABLES


@cache
def currencies() -> tuple[str, ...]:
    """Lower-case currency codes of the FX seed (raw values are compared after lower(trim()))."""
    with (PROJECT_DIR / "seeds" / "fx_rates.csv").open(newline="", encoding="utf-8") as handle:
        return tuple(sorted(row["currency"].strip().lower() for row in csv.DictReader(handle)))
