"""Fixed epoch and the rates that shape the demo data.

Every rate is a probability per person, per record or per row, never an absolute count, so the
proportions (and the mess ratios) stay the same whatever the number of persons.
"""

from datetime import UTC, datetime

SECOND = 1_000_000  # all instants are int64 microseconds since 1970-01-01 UTC
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
NULL_TS = -1  # real instants are all positive, so -1 can stand for "no timestamp"


def _instant(year: int, month: int, day: int) -> int:
    return int(datetime(year, month, day, tzinfo=UTC).timestamp()) * SECOND


# Anchored to a fixed window so that nothing depends on the day the generator runs.
START = _instant(2024, 1, 1)
FIRST_VISIT_END = _instant(2025, 9, 30)  # leaves room for journeys to unfold
PLAN_END = _instant(2025, 12, 15)  # planned milestones after this are dropped
END = _instant(2026, 1, 1)  # CRM changes after this are dropped

# --- journey proportions -------------------------------------------------------------------
B2B_SHARE = 0.30
SIGNUP_RATE_B2C = 0.58
SIGNUP_RATE_B2B = 0.50
SIGNUP_MODE_P = (0.10, 0.25, 0.65)  # direct (first event), in the first session, later
SECOND_DEVICE_RATE = 0.40  # of persons who sign up (only they can be recognised on a 2nd device)
CONTACT_RATE_SIGNUP = 0.93  # CRM sync misses a few signups
DEMO_RATE_B2B = 0.55
BUYER_RATE_B2C_SIGNUP = 0.55
GUEST_BUYER_RATE = 0.10  # B2C visitors who check out without an account
REPEAT_ORDER_P = 0.40  # geometric chance of one more order
MAX_ORDERS = 6
ABANDONED_CART_RATE = 0.25
REVIEW_RATE = 0.25
EUR_RATE_B2C = 0.12
EUR_RATE_B2B = 0.15
DEAL_RATE = 0.75  # of demo requesters with a contact
DEAL_OUTCOME_P = (0.42, 0.33, 0.25)  # won, lost, still open
EXPANSION_DEAL_RATE = 0.20  # of won deals
NPS_RATE = 0.40  # of purchasers
SECOND_NPS_RATE = 0.15
NPS_BUCKET_P = (0.45, 0.30, 0.25)  # promoter, passive, detractor

# --- mess rates ------------------------------------------------------------------------------
EMAIL_VARIANT_RATE = 0.10  # case / surrounding spaces
INVALID_EMAIL_RATE = 0.005
BLOCKLISTED_PERSON_RATE = 0.008
DELETED_CONTACT_RATE = 0.015
RESTORED_CONTACT_RATE = 0.003  # deleted once, then undeleted: the latest version wins
CDC_TIE_RATE = 0.01
TIMESTAMP_VARIANT_RATE = 0.06  # offsets / no offset / space separator
FRACTION_RATE = 0.04  # records whose instants carry microseconds
DUPLICATE_EVENT_RATE = 0.015
LATE_SESSION_RATE = 0.02
SKEWED_SESSION_RATE = 0.008
BOT_RATE = 0.03  # crawlers per person
KIOSK_RATE = 1 / 400  # shared devices per person
TEAM_INBOX_RATE = 1 / 500  # team inboxes per person
CATEGORY_VARIANT_RATE = 0.02
CURRENCY_VARIANT_RATE = 0.05
