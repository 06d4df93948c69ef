"""The landing contract: the nine raw tables and their columns, in order (SPEC §1).

The dbt sources (models/staging/*/_*__sources.yml) declare the same columns; a test keeps the
two identical.
"""

from __future__ import annotations

from pathlib import Path

LANDING_COLUMNS: dict[str, tuple[str, ...]] = {
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

LANDING_TABLES: tuple[str, ...] = tuple(LANDING_COLUMNS)

# Categorical values SPEC §1 names (matched case-insensitively, surrounding spaces ignored;
# other values are kept and match no rule). In the order the contract lists them.
EVENT_NAMES: tuple[str, ...] = (
    "page_view",
    "signup",
    "login",
    "demo_request",
    "add_to_cart",
    "checkout_started",
    "order_completed",
    "review_submitted",
)
ACTIVITY_TYPES: tuple[str, ...] = (
    "email_sent",
    "email_opened",
    "email_clicked",
    "webinar_attended",
    "call",
    "meeting",
)
ORDER_STATUSES: tuple[str, ...] = ("completed", "refunded", "cancelled", "pending")
CLOSED_DEAL_STAGES: tuple[str, ...] = ("closed_won", "closed_lost")
TRUE_SPELLINGS: tuple[str, ...] = ("true", "t", "1", "yes")

LANDING_SUFFIXES: tuple[str, ...] = (".csv", ".parquet")


def landing_files(raw_dir: Path, table: str) -> list[Path]:
    """The files of one landing table, where the warehouse loader reads them: `<table>.csv`,
    `<table>.parquet`, then every such file of a folder `<table>/` in name order."""
    single = [raw_dir / f"{table}{suffix}" for suffix in LANDING_SUFFIXES]
    folder = raw_dir / table
    parts = sorted(folder.iterdir()) if folder.is_dir() else []
    return [path for path in single if path.is_file()] + [
        path for path in parts if path.is_file() and path.suffix in LANDING_SUFFIXES
    ]


def missing_table_message(raw_dir: Path, table: str) -> str:
    """The message for a landing table without files, worded as the dbt loader words it."""
    return (
        f"Landing table '{table}' not found in '{raw_dir}': expected {table}.csv, "
        f"{table}.parquet or a folder {table}/ of such files."
    )
