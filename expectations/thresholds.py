"""Every number the quality suites compare against, in one place, each with its reason.

"Observed" values were measured on the demo generator's data (`journey generate --persons 2000
--seed 7`, built with `dbt build`, read back through the suites' own readings). The generator
breaks at most 2 % of any column on purpose (SPEC §1), so a
blocking ratio sits well below what valid data shows and well above what a broken export shows.

Change a threshold here, not in a suite module: suites read these values when they are built.
"""

from __future__ import annotations

from types import MappingProxyType

# --- raw landing tables: blocking (contract) ------------------------------------------------

# Share of rows whose required columns (key, placing and versioning timestamps) are filled.
# A single row without them is quarantined by the warehouse; a wholesale loss means a broken
# export (a renamed column exported empty, a truncated extract).
# Observed: 100 % for every required column (the generator quarantines rows by other
# faults). 5 % missing keys is more than twice the generator's highest mess rate.
REQUIRED_FILLED_MOSTLY = 0.95

# Share of non-empty timestamp and number texts that parse as the warehouse parses them. The
# generator writes a few unparseable values (quarantined); an export in another format (US
# dates, epoch seconds, decimal commas) fails nearly every value.
# Observed: 100 % for every timestamp and number column.
PARSES_MOSTLY = 0.95

# Share of rows whose key is unique, for tables that are not change feeds. web_events repeat
# event_ids by design (at-least-once delivery; each duplicate counts twice here); a replayed
# batch repeats nearly all of them.
# Observed: 97.1 % (web_events.event_id); 100 % for crm_activities and survey_nps.
KEY_UNIQUE_MOSTLY = 0.90

# --- raw landing tables: warnings (profile) -------------------------------------------------

# Raw volume against the previous run's volume of the same table: (lowest, highest) ratio.
# A daily full export grows by a few percent; half of yesterday's rows means a truncated
# export, twice as many a replayed or duplicated one. Nothing to compare on the first run.
VOLUME_CHANGE = (0.5, 2.0)

# Share of emails (after lower(trim())) with exactly one "@" and a dot after it.
# Observed: the lowest share is 98.8 % (survey_nps.email); a third broken must warn.
EMAIL_VALID_MOSTLY = 0.95

# Share of categorical values (lower(trim())) inside the contract's lists. Values outside a
# list are kept and match no rule (SPEC §1), so a few are fine; many mean a renamed vocabulary.
# Observed: 100 % for every vocabulary.
CATEGORY_MOSTLY = 0.95

# Orderings, as the share of rows (having both timestamps, compared to the second) where the
# later column is not before the earlier one. Keyed by the later column.
# Observed: updated_at 100 %, closed_at 100 %, first_response_at 100 %, solved_at 100 %;
# received_at >= event_at 99.2 % (client clocks run ahead, SPEC §1).
ORDERED_MOSTLY = MappingProxyType(
    {
        "updated_at": 0.99,
        "closed_at": 0.99,
        "first_response_at": 0.99,
        "solved_at": 0.99,
        "received_at": 0.97,
    }
)

# Change feeds: share of rows whose version (id, updated_at) is unique. Exact ties are valid
# (the warehouse picks one deterministically); wholesale repeats mean a replayed export.
# Observed: the lowest share is 99.3 % (support_tickets).
VERSION_UNIQUE_MOSTLY = 0.97

# Share of rows carrying at least one identifier column (the others are quarantined, SPEC §2).
# Observed: 100 % in most tables; 92.5 % of crm_deals at 400 persons, where the demo data
# writes lost deals without a contact (a CRM keeps account-level deals). Below 85 % an export
# has most likely lost its link columns.
IDENTIFIED_ROW_MOSTLY = 0.85

# survey_nps.score within 0-10 (SPEC §1); scores outside are kept and match no rule.
# Observed: 100 %.
NPS_IN_RANGE_MOSTLY = 0.99

# Freshness without the wall clock. A raw table is fresh when its latest timestamp is no more
# than this many days before the reference instant: JOURNEY_QUALITY_AS_OF when set (the
# scheduler's logical date), else the latest timestamp anywhere in the landing folder. So a
# feed that stopped while the others went on is caught, and a replayed old extract is not
# judged by today's date. For production feeds that land daily, set JOURNEY_QUALITY_AS_OF and
# tighten these to a few days.
# Observed at 2,000 persons (days between the table's latest timestamp and the newest
# anywhere): crm_contacts 0.1, crm_accounts 13.9, crm_deals 26.3, crm_activities 0.0,
# crm_orders 12.7, web_events 18.8, web_identifies 32.5, support_tickets 13.2, survey_nps 10.0.
# The windows are wider because smaller folders (a few hundred persons, as in tests and first
# trials) leave sparse tables ending months earlier: up to ~120 days.
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

# --- marts ---------------------------------------------------------------------------------

# Largest identity component in person identifiers (contact ids, user ids, emails of one
# customer); blocking, see marts.py. Shared inboxes and kiosks are cut off at
# identity_max_links; a chain of links that gathers far more than a person's handful of emails
# and contact ids means over-merging.
# Observed: 3 (demo data, 200 and 400 persons). Twelve leaves room for a long tail of people
# with many addresses.
MAX_PERSON_IDENTIFIERS_PER_CUSTOMER = 12

# Largest identity component counting devices too; a warning only. One login seen from many
# browsers is a valid customer (cookies rotate, test accounts log in everywhere), but a steward
# should see it: a kiosk or a shared test login looks the same.
# Observed: 5 (demo data); the Snowplow sample's consent test app: 27 (one user id on 26
# cookies).
MAX_IDENTIFIERS_PER_CUSTOMER = 20

# Share of customers stitched from more than one identifier: with none the identity graph
# linked nothing; with nearly all it probably over-merged.
# Observed: 0.66.
MULTI_IDENTIFIER_CUSTOMER_SHARE = (0.30, 0.90)

# Ceiling on the share of conversions with no eligible marketing touchpoint: above it,
# touchpoints are not reaching their customers (lost identity links, a channel feed gone).
# Observed: 0.04.
UNATTRIBUTED_CONVERSION_SHARE_MAX = 0.15

# Ceiling on shared identifiers (team inboxes, kiosks) among all identifiers.
# Observed: 0.0015.
SHARED_IDENTIFIER_SHARE_MAX = 0.01

# Ceiling on the share of a landing table's rows that went to quarantine.
# Observed: the highest share is 0.02 (survey_nps, 5 of 250); the generator breaks at most 2 %.
QUARANTINED_ROW_SHARE_MAX = 0.05

# Null-rate ceilings, as the share of rows that must be filled in.
# Observed: dim_customers.first_touch_at 0.995, first_touch_channel 0.995, current_stage
# 0.995, primary_email 0.66 (anonymous visitors have none); fct_touchpoints.channel 1.00,
# stage 0.996 (deal_lost has no stage).
FILLED_MOSTLY = MappingProxyType(
    {
        "dim_customers.first_touch_at": 0.97,
        "dim_customers.first_touch_channel": 0.97,
        "dim_customers.current_stage": 0.95,
        "dim_customers.primary_email": 0.50,
        "fct_touchpoints.channel": 0.98,
        "fct_touchpoints.stage": 0.97,
    }
)

# --- reporting -----------------------------------------------------------------------------

# GX's Data Docs index lists this many latest validation results (about ten full runs). Every
# result stays stored under reports/gx and its page stays on disk; GX reads each listed result
# whenever it rebuilds the index, so this bounds the time a run spends on reporting.
DOCS_INDEX_RESULTS = 320
