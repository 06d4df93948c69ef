"""The generated truth written in the tools' own shapes: the landing tables a tool feeds are
rewritten as that tool's tables under `<out>/<tool>/` (the shapes `macros/vendors` reads), and
their canonical files are removed, so the warehouse reads them through the tool adapters.

- `snowplow`: web_events as Snowplow atomic `events` (domain_userid is the device,
  derived_tstamp the event time, collector_tstamp the receipt);
- `hubspot`: crm_contacts, crm_accounts, crm_deals and crm_activities as Fivetran's HubSpot
  `contact`, `company`, `deal` (+ `deal_contact`, `deal_company`) and `engagement`
  (+ `engagement_contact`); stage and engagement type names go back through the vendor seeds;
- `zendesk`: support_tickets as Fivetran's Zendesk `ticket`, `user` (one per requester: email
  and `external_id`, the CRM contact id) and `ticket_field_history` (the status becoming
  solved).

Every canonical row becomes one row of the tool table that feeds its table, versions and
duplicates included, so the warehouse sees the same rows through either path. What the tool
shapes cannot carry is listed in `NOT_CARRIED` (the warehouse gets null there).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from journey.contract import TOOL_FEEDS
from journey.generate.writers import open_sink

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "seeds"
# The tools whose shapes the generator writes.
VENDOR_TOOLS: tuple[str, ...] = ("snowplow", "hubspot", "zendesk")
# Written into every tool folder the generator fills, so the next run may replace it (a
# hidden file: the loaders skip it).
MARKER = ".journey-generated"
# Canonical columns a tool's export has no place for: the adapter leaves them null.
NOT_CARRIED: dict[str, tuple[str, ...]] = {
    "zendesk": ("support_tickets.satisfaction_rating", "support_tickets.first_response_at"),
}

_SNOWPLOW = {
    "events": """
        select
            'brewline-web' as app_id,
            'web' as platform,
            event_id,
            case
                when lower(trim(event_name)) = 'page_view' then 'page_view'
                when nullif(trim(event_name), '') is null then event_name
                else 'unstruct'
            end as event,
            event_name,
            user_id,
            anonymous_id as domain_userid,
            cast(null as varchar) as network_userid,
            page_url,
            referrer as page_referrer,
            utm_source as mkt_source,
            utm_medium as mkt_medium,
            utm_campaign as mkt_campaign,
            user_agent as useragent,
            event_at as derived_tstamp,
            event_at as dvce_created_tstamp,
            received_at as collector_tstamp
        from web_events
    """,
}

_HUBSPOT = {
    "contact": """
        select
            contact_id as id,
            email as property_email,
            phone as property_phone,
            first_name as property_firstname,
            last_name as property_lastname,
            account_id as property_associatedcompanyid,
            lifecycle_stage as property_lifecyclestage,
            lead_source as property_hs_analytics_source,
            created_at as property_createdate,
            updated_at as property_lastmodifieddate,
            is_deleted as _fivetran_deleted
        from crm_contacts
    """,
    "company": """
        select
            account_id as id,
            account_name as property_name,
            industry as property_industry,
            employee_count as property_numberofemployees,
            created_at as property_createdate,
            updated_at as property_hs_lastmodifieddate
        from crm_accounts
    """,
    "deal": """
        select
            deals.deal_id,
            coalesce(stages.vendor_stage, deals.deal_stage) as deal_pipeline_stage_id,
            deals.amount as property_amount,
            deals.currency as property_deal_currency_code,
            deals.created_at as property_createdate,
            deals.closed_at as property_closedate,
            deals.updated_at as property_hs_lastmodifieddate
        from crm_deals as deals
        left join vendor_stages as stages
            on deals.deal_stage = stages.deal_stage
    """,
    "deal_contact": """
        select distinct deal_id, contact_id from crm_deals where contact_id is not null
    """,
    "deal_company": """
        select distinct deal_id, account_id as company_id from crm_deals
        where account_id is not null
    """,
    "engagement": """
        select
            activities.activity_id as id,
            coalesce(upper(types.vendor_type), activities.activity_type) as type,
            activities.occurred_at as timestamp
        from crm_activities as activities
        left join vendor_types as types
            on activities.activity_type = types.activity_type
    """,
    "engagement_contact": """
        select distinct activity_id as engagement_id, contact_id from crm_activities
        where contact_id is not null
    """,
}

_ZENDESK = {
    "ticket": """
        select
            ticket_id as id,
            {requester} as requester_id,
            coalesce(channels.vendor_channel, tickets.channel) as via_channel,
            subject,
            category as type,
            priority,
            status,
            created_at,
            updated_at
        from support_tickets as tickets
        left join vendor_channels as channels
            on tickets.channel = channels.channel
    """,
    "user": """
        select distinct
            {requester} as id,
            requester_email as email,
            contact_id as external_id
        from support_tickets
        where requester_email is not null or contact_id is not null
    """,
    "ticket_field_history": """
        select distinct
            ticket_id,
            'status' as field_name,
            solved_at as updated,
            'solved' as value
        from support_tickets
        where solved_at is not null
    """,
}
# A Zendesk user per (email, external id) pair a ticket names.
_REQUESTER = (
    "case when requester_email is null and contact_id is null then null else "
    "'zd' || substr(md5(coalesce(requester_email, '') || chr(31) || coalesce(contact_id, '')),"
    " 1, 16) end"
)

SHAPES: dict[str, dict[str, str]] = {
    "snowplow": _SNOWPLOW,
    "hubspot": _HUBSPOT,
    "zendesk": {name: sql.format(requester=_REQUESTER) for name, sql in _ZENDESK.items()},
}


def parse_tools(text: str) -> tuple[str, ...]:
    """`snowplow,hubspot` (or `all`) as tool names; refuses an unknown one."""
    names = (
        VENDOR_TOOLS
        if text.strip() == "all"
        else tuple(name.strip().lower() for name in text.split(",") if name.strip())
    )
    unknown = [name for name in names if name not in VENDOR_TOOLS]
    if unknown:
        raise ValueError(
            f"unknown tool {', '.join(unknown)!s}; the generator writes {', '.join(VENDOR_TOOLS)}"
        )
    return tuple(dict.fromkeys(names))


def remove_generated_tool_folders(out_dir: Path) -> None:
    """Tool folders an earlier vendor-shape run wrote: left beside fresh canonical files they
    would feed the same tables twice."""
    for tool in VENDOR_TOOLS:
        if (out_dir / tool / MARKER).is_file():
            shutil.rmtree(out_dir / tool)


def write_vendor_shapes(out_dir: Path, fmt: str, tools: Sequence[str]) -> dict[str, int]:
    """Rewrites the canonical files the tools feed as the tools' tables; returns the rows
    written per `<tool>/<table>`."""
    rows: dict[str, int] = {}
    with duckdb.connect() as connection:
        _register_seeds(connection)
        for tool in tools:
            fed = TOOL_FEEDS[tool]
            for table in fed:
                source = _reader(out_dir, table, fmt)
                connection.execute(f"create or replace view {table} as select * from {source}")
            folder = out_dir / tool
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            (folder / MARKER).write_text("written by journey generate --vendor-shapes\n")
            for name, sql in SHAPES[tool].items():
                rows[f"{tool}/{name}"] = _write(connection, sql, folder / f"{name}.{fmt}", fmt)
            for table in fed:
                (out_dir / f"{table}.{fmt}").unlink()
    return rows


def _reader(out_dir: Path, table: str, fmt: str) -> str:
    path = str(out_dir / f"{table}.{fmt}").replace("'", "''")
    if fmt == "parquet":
        return f"read_parquet('{path}')"
    return f"read_csv('{path}', header = true, all_varchar = true, quote = '\"', escape = '\"')"


def _write(connection: duckdb.DuckDBPyConnection, sql: str, path: Path, fmt: str) -> int:
    reader = connection.sql(sql).to_arrow_reader(50_000)
    schema = pa.schema([pa.field(field.name, pa.string()) for field in reader.schema])
    sink = open_sink(path, schema, fmt)
    written = 0
    try:
        for batch in reader:
            table = pa.Table.from_batches([batch]).cast(schema)
            sink.write(table)
            written += table.num_rows
    finally:
        sink.close()
    return written


def _register_seeds(connection: duckdb.DuckDBPyConnection) -> None:
    """The inverse of the vendor seeds: for each of our names, the tool's standard name (one
    per name: the one spelled as ours when there is one)."""
    for view, seed, ours, theirs, tool in (
        ("vendor_stages", "vendor_deal_stages", "deal_stage", "vendor_stage", "hubspot"),
        ("vendor_types", "vendor_activity_types", "activity_type", "vendor_type", "hubspot"),
        ("vendor_channels", "vendor_ticket_channels", "channel", "vendor_channel", "zendesk"),
    ):
        pairs = _inverse(_seed_rows(seed), tool, ours, theirs)
        table = pa.table(
            {ours: pa.array(list(pairs), pa.string()), theirs: pa.array(list(pairs.values()))}
        )
        connection.register(view, table)


def _seed_rows(seed: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / f"{seed}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _inverse(rows: Iterable[dict[str, str]], tool: str, ours: str, theirs: str) -> dict[str, str]:
    inverse: dict[str, str] = {}
    for row in rows:
        if row["tool"] != tool:
            continue
        if row[ours] not in inverse or row[theirs] == row[ours]:
            inverse[row[ours]] = row[theirs]
    return inverse
