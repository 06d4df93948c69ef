"""Every number the quality suites compare against, in one place.

Raw exports are messy on purpose (SPEC §1): the warehouse quarantines what it cannot use, so the
raw suites tolerate the expected level of mess (`mostly`) and fail when an export is broken
(a third of the emails invalid, a column gone, ids duplicated wholesale). The demo data's own
mess rates (journey/generate/config.py) stay at or below 2 %, so every ratio here leaves room
for them and still catches a broken export.

Change a threshold here, not in a suite module: suites read these values when they are built.
"""

from __future__ import annotations

from types import MappingProxyType

# --- raw landing tables -------------------------------------------------------------------

# Volume band: an empty export is broken; more rows than this is a runaway export (a loop in
# the extractor, a full history where a delta was expected).
RAW_MIN_ROWS = 1
RAW_MAX_ROWS = 50_000_000

# Share of rows whose key (or whose columns that must be present) is filled in. Rows without
# a key are quarantined by the warehouse; more than 1 % means the export lost its keys.
KEY_NOT_NULL_MOSTLY = 0.99

# Change feeds repeat ids by design (one row per change), but (id, updated_at) is a version
# key: exact ties happen (the warehouse breaks them deterministically), wholesale repeats mean
# the export was replayed.
CHANGE_FEED_VERSION_UNIQUE_MOSTLY = 0.95

# web_events: at-least-once delivery repeats a few event_ids; the share of distinct event_ids
# among all rows stays within this band.
WEB_EVENT_ID_UNIQUE_SHARE = (0.95, 1.0)

# Share of emails (after lower(trim())) with exactly one "@" and a dot after it. The demo data
# breaks 0.5 %; a third broken must fail.
EMAIL_VALID_MOSTLY = 0.90

# Share of non-empty timestamp texts that are ISO-8601.
TIMESTAMP_ISO_MOSTLY = 0.99

# Share of non-empty amounts and scores that are plain decimal numbers.
NUMBER_FORMAT_MOSTLY = 0.99

# survey_nps.score is 0-10 (SPEC §1); out-of-range scores are quarantined.
NPS_SCORE_RANGE = (0, 10)
NPS_SCORE_IN_RANGE_MOSTLY = 0.99

# Share of categorical values (lower(trim())) inside the contract's lists. Values outside a
# list are kept and match no rule (SPEC §1), so a few are fine; many mean a renamed vocabulary.
CATEGORY_IN_SET_MOSTLY = 0.95

# Change feeds: a version is not older than its record (updated_at >= created_at), compared to
# the second because exports drop fractions of one column and not the other.
UPDATED_AFTER_CREATED_MOSTLY = 0.99

# Share of identify calls that name a user; the rest link an anonymous_id to an email only.
IDENTIFY_WITH_USER_MOSTLY = 0.80

# web_events arrive late, and a few carry a client clock that runs ahead (SPEC §1): most
# events are received at or after they happened.
RECEIVED_AFTER_EVENT_MOSTLY = 0.95

# Freshness without the wall clock. A raw table is fresh when its latest timestamp is no more
# than this many days before the reference instant: JOURNEY_QUALITY_AS_OF when set (the
# scheduler's logical date), else the latest timestamp anywhere in the landing folder. So a
# feed that stopped while the others went on is caught, and a replayed old extract is not
# judged by today's date.
# The defaults fit the demo data, whose tables end at different dates (CRM email activity runs
# to the year end, planned web journeys stop mid-December, and a few hundred persons leave
# sparse tails: up to ~120 days between a table's latest row and the newest row anywhere).
# For production feeds that land daily, set JOURNEY_QUALITY_AS_OF and tighten these to a few
# days.
FRESHNESS_WINDOW_DAYS = MappingProxyType(
    {
        "crm_contacts": 60,
        "crm_accounts": 150,
        "crm_deals": 150,
        "crm_activities": 14,
        "crm_orders": 90,
        "web_events": 60,
        "web_identifies": 120,
        "support_tickets": 90,
        "survey_nps": 120,
    }
)

# --- marts -------------------------------------------------------------------------------

# Credits of one conversion under one model sum to 1 (SPEC §5), up to float rounding.
CREDIT_SUM_TOLERANCE = 1e-6
# revenue_credit = credit x conversion revenue, up to rounding to cents.
REVENUE_CREDIT_TOLERANCE = 0.01

# Share of customers stitched from more than one identifier: with none the identity graph
# linked nothing; with nearly all it probably over-merged.
MULTI_IDENTIFIER_CUSTOMER_SHARE = (0.10, 0.95)

# Largest identity component (identifiers of one customer). Shared inboxes and kiosks are cut
# off at identity_max_links; a component far larger than a person's handful of devices, emails
# and contact ids means over-merging.
MAX_IDENTIFIERS_PER_CUSTOMER = 40

# Ceiling on the share of conversions with no eligible marketing touchpoint (the
# `unattributed` row). Above it, attribution tells stewards little.
UNATTRIBUTED_CONVERSION_SHARE_MAX = 0.60

# Ceiling on shared identifiers (team inboxes, kiosks) among all identifiers.
SHARED_IDENTIFIER_SHARE_MAX = 0.05

# Ceiling on the share of a raw table's rows that went to quarantine.
QUARANTINED_ROW_SHARE_MAX = 0.10

# Null-rate ceilings, as the share of rows that must be filled in.
NOT_NULL_MOSTLY = MappingProxyType(
    {
        "dim_customers.first_touch_at": 0.95,
        "dim_customers.first_touch_channel": 0.90,
        "dim_customers.current_stage": 0.80,
        "dim_customers.primary_email": 0.30,
        "fct_touchpoints.channel": 0.90,
        "fct_touchpoints.stage": 0.90,
        "fct_web_sessions.customer_id": 0.99,
    }
)

# --- reporting ---------------------------------------------------------------------------

# GX's Data Docs index lists this many latest validation results (about ten full runs). Every
# result stays stored under reports/gx and its page stays on disk; GX reads each listed result
# whenever it rebuilds the index, so this bounds the time a run spends on reporting.
DOCS_INDEX_RESULTS = 320
