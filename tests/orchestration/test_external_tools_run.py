"""The daily Dagster job on a landing folder that holds nothing but the tools' own exports: the
Snowplow, HubSpot and Zendesk files of ../shared/external (MANIFEST.md) in their own shapes, no
canonical file at all, no hand mapping. The run is green and their customers, sessions, deals
and tickets are in the published marts.

Nothing is left out. The Snowplow file's consent accelerator test app (`app_id`
`consent_accel`) logs one user_id, `consent_accel`, in from 26 cookies: the identity graph makes
that one customer of 27 identifiers, 26 of them devices. That is a valid customer (SPEC §2): the
run warns about it (`mart_dim_customers_profile`) and publishes; only a customer of many
emails, contact ids or user ids blocks
(test_daily_run.test_a_failing_mart_error_suite_fails_the_run).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from adapters.vendor_landing import (
    HUBSPOT_DIR,
    SNOWPLOW_DIR,
    ZENDESK_DIR,
    copy_tool_exports,
    read_rows,
)
from conftest import SettingsFor, green_run

from journey.contract import LANDING_TABLES, landing_places, tools_only
from journey.privacy import identity_path
from orchestration.journey_report import JOURNEY_REPORT_KEY
from orchestration.publish import PUBLISHED_KEY

pytestmark = pytest.mark.slow

CONSENT_TEST_APP = "consent_accel"


@pytest.fixture
def tool_landing(tmp_path: Path) -> Path:
    raw_dir = tmp_path / "landing"
    copy_tool_exports(raw_dir)
    return raw_dir


def test_daily_run_on_tool_exports_only(
    tool_landing: Path,
    settings_for: SettingsFor,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not any(landing_places(tool_landing, table) for table in LANDING_TABLES)
    assert tools_only(tool_landing)
    settings = settings_for(tool_landing)
    # The exports are years old: judged from their own time, not today's.
    monkeypatch.setenv("JOURNEY_QUALITY_AS_OF", "2030-01-01T00:00:00Z")
    with green_run(settings, capsys) as (instance, output):
        assert instance.get_latest_materialization_event(PUBLISHED_KEY) is not None
        assert instance.get_latest_materialization_event(JOURNEY_REPORT_KEY) is not None
    # The test login on 26 cookies is a warning, not a stop.
    warned = [line for line in output.out.splitlines() if "mart_dim_customers_profile:" in line]
    assert any("on identifier_count failed" in line for line in warned), output.out[-4000:]

    events = read_rows(SNOWPLOW_DIR / "source" / "snowplow_web_events.csv")
    consent_cookies = {row["domain_userid"] for row in events if row["app_id"] == CONSENT_TEST_APP}
    assert len(events) == 160 and len(consent_cookies) == 26
    tickets = read_rows(ZENDESK_DIR / "ticket_data.csv")
    contacts = {row["id"] for row in read_rows(HUBSPOT_DIR / "contact_data.csv")}
    deals = {row["deal_id"] for row in read_rows(HUBSPOT_DIR / "deal_data.csv")}
    # The identity tier holds every mart, the identity marts included.
    with duckdb.connect(str(identity_path(settings.duckdb_path)), read_only=True) as connection:

        def one(sql: str) -> tuple:
            row = connection.execute(sql).fetchone()
            assert row is not None
            return row

        # Every source row is accounted for, canonical tables that no tool fed included.
        assert one("select count(*), bool_and(is_balanced) from marts.agg_row_reconciliation") == (
            len(LANDING_TABLES),
            True,
        )
        assert one(
            "select raw_rows from marts.agg_row_reconciliation where table_name = 'web_events'"
        ) == (len(events),)
        # Customers from each tool, with Snowplow's sessions, HubSpot's deals and contacts and
        # Zendesk's tickets in the marts.
        pairs = connection.execute(
            "select tool_a, tool_b, customers, customers_in_both"
            " from marts.agg_customer_tool_overlap order by 1, 2"
        ).fetchall()
        assert [(a, b) for a, b, _, _ in pairs] == [
            ("hubspot", "snowplow"),
            ("hubspot", "zendesk"),
            ("snowplow", "zendesk"),
        ]
        assert all(both == 0 for _, _, _, both in pairs)
        sessions, session_customers = one(
            "select count(*), count(distinct customer_id) from marts.fct_web_sessions"
        )
        assert sessions > 0 and session_customers > 0
        assert one(
            "select count(*) from marts.fct_touchpoints where touchpoint_type = 'web_session'"
        ) == (sessions,)
        ours = {
            value
            for (value,) in connection.execute(
                "select identifier_value from marts.dim_customer_identifiers"
                " where identifier_type = 'contact_id'"
            ).fetchall()
        }
        assert contacts & ours
        # Fivetran's HubSpot seed is obfuscated: its deal_contact and deal_company rows name
        # deal ids that are not in `deal`, so every deal is in the marts as a quarantined row
        # (no usable identifier) and none makes a touchpoint.
        assert one(
            "select raw_rows, quarantined_rows from marts.agg_row_reconciliation"
            " where table_name = 'crm_deals'"
        ) == (len(deals), len(deals))
        assert one(
            "select count(distinct record_key) from marts.fct_quarantine"
            " where table_name = 'crm_deals'"
        ) == (len(deals),)
        ticket_touchpoints = one(
            "select count(*) from marts.fct_touchpoints where touchpoint_type = 'ticket_opened'"
        )[0]
        assert 0 < ticket_touchpoints <= len({row["id"] for row in tickets})
        # The exports share no identifier (MANIFEST): every customer is in one tool only.
        # Each tool is in two of the three pairs.
        assert one("select count(*) from marts.dim_customers") == (
            sum(customers for _, _, customers, _ in pairs) // 2,
        )
        # The test login gathers its cookies into one customer; no customer has more than a
        # person's handful of emails, contact ids and user ids.
        assert one(
            "select c.identifier_count, c.person_identifier_count"
            " from marts.dim_customers as c join marts.dim_customer_identifiers as i"
            " on c.customer_id = i.customer_id"
            f" where i.identifier_type = 'user_id' and i.identifier_value = '{CONSENT_TEST_APP}'"
        ) == (len(consent_cookies) + 1, 1)
        assert one("select max(person_identifier_count) from marts.dim_customers")[0] <= 12

    report = settings.reports_dir / "journey" / "index.html"
    assert report.is_file()
