"""The landing contract: the nine raw tables and their columns, in order, all text."""

import pyarrow as pa

TABLES: dict[str, tuple[str, ...]] = {
    "crm_contacts": (
        "contact_id",
        "email",
        "phone",
        "first_name",
        "last_name",
        "account_id",
        "lifecycle_stage",
        "lead_source",
        "created_at",
        "updated_at",
        "is_deleted",
    ),
    "crm_accounts": (
        "account_id",
        "account_name",
        "industry",
        "employee_count",
        "created_at",
        "updated_at",
    ),
    "crm_deals": (
        "deal_id",
        "contact_id",
        "account_id",
        "deal_stage",
        "amount",
        "currency",
        "created_at",
        "closed_at",
        "updated_at",
    ),
    "crm_activities": ("activity_id", "contact_id", "activity_type", "occurred_at"),
    "crm_orders": (
        "order_id",
        "contact_id",
        "email",
        "order_total",
        "currency",
        "status",
        "ordered_at",
        "updated_at",
    ),
    "web_events": (
        "event_id",
        "anonymous_id",
        "user_id",
        "event_name",
        "page_url",
        "referrer",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "user_agent",
        "event_at",
        "received_at",
    ),
    "web_identifies": ("anonymous_id", "user_id", "email", "identified_at"),
    "support_tickets": (
        "ticket_id",
        "requester_email",
        "contact_id",
        "channel",
        "subject",
        "category",
        "priority",
        "status",
        "satisfaction_rating",
        "created_at",
        "first_response_at",
        "solved_at",
        "updated_at",
    ),
    "survey_nps": ("response_id", "email", "score", "comment", "responded_at"),
}


def arrow_schema(name: str) -> pa.Schema:
    """Every column is text: real exports are, and the warehouse casts in staging."""
    return pa.schema([pa.field(column, pa.string()) for column in TABLES[name]])


def table(name: str, **columns: pa.Array) -> pa.Table:
    """A table of the contract, columns in contract order; refuses missing or extra columns."""
    expected = TABLES[name]
    if set(columns) != set(expected):
        raise ValueError(f"{name}: columns {sorted(columns)} differ from the contract")
    return pa.Table.from_arrays(
        [columns[column].cast(pa.string()) for column in expected], schema=arrow_schema(name)
    )
