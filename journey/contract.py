"""The landing contract (SPEC §1, §2, §8): one registry of the nine raw tables.

Everything that needs to know the landing tables reads it from here: the loader and the staging,
quarantine, identity and reconciliation models (through the generated dbt macro
`macros/landing/journey_landing_registry.sql`), the raw quality suites, the generator and the
tests. `python -m journey.contract` rewrites the macro; a test fails when it is out of date.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Identifier types in SPEC §2 order: a component's smallest identifier sorts by this first.
IDENTIFIER_TYPES: tuple[str, ...] = ("contact_id", "user_id", "email", "anonymous_id")


@dataclass(frozen=True)
class LandingTable:
    """One raw landing table as SPEC §1/§2/§8 describe it.

    `required` are the columns a row cannot be used without (the table's own key and the
    timestamps that place and version it); every other column may be empty in any row or in all
    rows. `identifiers` maps an identifier type to the landing column that carries it, and
    `links` names the identifier pairs one row of this table links (SPEC §2).
    """

    name: str
    source: str  # dbt source name
    source_table: str  # dbt source table name
    base_model: str
    staging_model: str
    columns: tuple[str, ...]
    key: str | None  # the table's own key; web_identifies has none
    staging_key: str  # the record key in the staging model
    change_feed: bool  # latest updated_at per key wins (SPEC §8)
    has_deletes: bool  # is_deleted on the winning version removes the record
    placed_by: str  # the timestamp that places a row in time
    required: tuple[str, ...]
    timestamps: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # compared as lower(trim(value))
    identifiers: tuple[tuple[str, str], ...] = ()  # (identifier type, landing column)
    links: tuple[tuple[str, str], ...] = ()  # (identifier type, identifier type)
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)


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
# How landing text parses (SPEC §1), one rule for the warehouse and the quality gate alike.
# Both patterns are written for Python `re` and DuckDB/RE2 alike and apply to trimmed text.
# A timestamp is an ISO-8601 date, optionally a time (the hour may have one digit, as some
# exports write it; seconds and a fraction optional) with optionally `Z`, ` UTC` or a numeric
# offset. Words (`infinity`, `epoch`, `now`) and other named zones are not timestamps.
TIMESTAMP_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?"
    r"(Z| UTC|[+-][0-9]{2}(:?[0-9]{2})?)?)?$"
)
# A number is plain decimal notation with an optional exponent: no digit separators, no
# `NaN`/`inf` words; the parsed value must also be finite (`1e400` is not).
NUMBER_PATTERN = r"^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$"
# NPS scores are 0-10 (SPEC §1); values outside are kept and match no rule.
NPS_SCORE_RANGE: tuple[int, int] = (0, 10)

REGISTRY: tuple[LandingTable, ...] = (
    LandingTable(
        name="crm_contacts",
        source="crm",
        source_table="contacts",
        base_model="base_crm__contacts",
        staging_model="stg_crm__contacts",
        columns=(
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
        key="contact_id",
        staging_key="contact_id",
        change_feed=True,
        has_deletes=True,
        placed_by="updated_at",
        required=("contact_id", "updated_at"),
        timestamps=("created_at", "updated_at"),
        emails=("email",),
        categories=("lifecycle_stage", "lead_source", "is_deleted"),
        identifiers=(("contact_id", "contact_id"), ("email", "email")),
        links=(("contact_id", "email"),),
    ),
    LandingTable(
        name="crm_accounts",
        source="crm",
        source_table="accounts",
        base_model="base_crm__accounts",
        staging_model="stg_crm__accounts",
        columns=(
            "account_id",
            "account_name",
            "industry",
            "employee_count",
            "created_at",
            "updated_at",
        ),
        key="account_id",
        staging_key="account_id",
        change_feed=True,
        has_deletes=False,
        placed_by="updated_at",
        required=("account_id", "updated_at"),
        timestamps=("created_at", "updated_at"),
        numbers=("employee_count",),
        categories=("industry",),
    ),
    LandingTable(
        name="crm_deals",
        source="crm",
        source_table="deals",
        base_model="base_crm__deals",
        staging_model="stg_crm__deals",
        columns=(
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
        key="deal_id",
        staging_key="deal_id",
        change_feed=True,
        has_deletes=False,
        placed_by="created_at",
        required=("deal_id", "created_at", "updated_at"),
        timestamps=("created_at", "closed_at", "updated_at"),
        numbers=("amount",),
        categories=("deal_stage", "currency"),
        identifiers=(("contact_id", "contact_id"),),
    ),
    LandingTable(
        name="crm_activities",
        source="crm",
        source_table="activities",
        base_model="base_crm__activities",
        staging_model="stg_crm__activities",
        columns=("activity_id", "contact_id", "activity_type", "occurred_at"),
        key="activity_id",
        staging_key="activity_id",
        change_feed=False,
        has_deletes=False,
        placed_by="occurred_at",
        required=("activity_id", "occurred_at"),
        timestamps=("occurred_at",),
        categories=("activity_type",),
        identifiers=(("contact_id", "contact_id"),),
        vocabularies={"activity_type": ACTIVITY_TYPES},
    ),
    LandingTable(
        name="crm_orders",
        source="crm",
        source_table="orders",
        base_model="base_crm__orders",
        staging_model="stg_crm__orders",
        columns=(
            "order_id",
            "contact_id",
            "email",
            "order_total",
            "currency",
            "status",
            "ordered_at",
            "updated_at",
        ),
        key="order_id",
        staging_key="order_id",
        change_feed=True,
        has_deletes=False,
        placed_by="ordered_at",
        required=("order_id", "ordered_at", "updated_at"),
        timestamps=("ordered_at", "updated_at"),
        numbers=("order_total",),
        emails=("email",),
        categories=("currency", "status"),
        identifiers=(("contact_id", "contact_id"), ("email", "email")),
        links=(("contact_id", "email"),),
        vocabularies={"status": ORDER_STATUSES},
    ),
    LandingTable(
        name="web_events",
        source="web",
        source_table="events",
        base_model="base_web__events",
        staging_model="stg_web__events",
        columns=(
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
        key="event_id",
        staging_key="event_id",
        change_feed=False,
        has_deletes=False,
        placed_by="event_at",
        required=("event_id", "event_at"),
        timestamps=("event_at", "received_at"),
        categories=("event_name", "utm_source", "utm_medium", "utm_campaign"),
        identifiers=(("anonymous_id", "anonymous_id"), ("user_id", "user_id")),
        links=(("user_id", "anonymous_id"),),
        vocabularies={"event_name": EVENT_NAMES},
    ),
    LandingTable(
        name="web_identifies",
        source="web",
        source_table="identifies",
        base_model="base_web__identifies",
        staging_model="stg_web__identifies",
        columns=("anonymous_id", "user_id", "email", "identified_at"),
        key=None,
        staging_key="identify_id",
        change_feed=False,
        has_deletes=False,
        placed_by="identified_at",
        required=("identified_at",),
        timestamps=("identified_at",),
        emails=("email",),
        identifiers=(("anonymous_id", "anonymous_id"), ("user_id", "user_id"), ("email", "email")),
        links=(("user_id", "anonymous_id"), ("user_id", "email"), ("email", "anonymous_id")),
    ),
    LandingTable(
        name="support_tickets",
        source="support",
        source_table="tickets",
        base_model="base_support__tickets",
        staging_model="stg_support__tickets",
        columns=(
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
        key="ticket_id",
        staging_key="ticket_id",
        change_feed=True,
        has_deletes=False,
        placed_by="created_at",
        required=("ticket_id", "created_at", "updated_at"),
        timestamps=("created_at", "first_response_at", "solved_at", "updated_at"),
        emails=("requester_email",),
        categories=("channel", "category", "priority", "status", "satisfaction_rating"),
        identifiers=(("contact_id", "contact_id"), ("email", "requester_email")),
        links=(("contact_id", "email"),),
    ),
    LandingTable(
        name="survey_nps",
        source="support",
        source_table="nps_responses",
        base_model="base_support__nps_responses",
        staging_model="stg_support__nps_responses",
        columns=("response_id", "email", "score", "comment", "responded_at"),
        key="response_id",
        staging_key="response_id",
        change_feed=False,
        has_deletes=False,
        placed_by="responded_at",
        required=("response_id", "score", "responded_at"),
        timestamps=("responded_at",),
        numbers=("score",),
        emails=("email",),
        identifiers=(("email", "email"),),
    ),
)

TABLES: dict[str, LandingTable] = {table.name: table for table in REGISTRY}
LANDING_COLUMNS: dict[str, tuple[str, ...]] = {table.name: table.columns for table in REGISTRY}

LANDING_TABLES: tuple[str, ...] = tuple(LANDING_COLUMNS)


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


# Tool folders of the landing folder and the canonical tables their adapters feed: the Python
# side of `feeds` in macros/vendors/journey_vendor_tables.sql (a test keeps the two equal).
TOOL_FEEDS: dict[str, tuple[str, ...]] = {
    "snowplow": ("web_events",),
    "hubspot": ("crm_contacts", "crm_accounts", "crm_deals", "crm_activities"),
    "zendesk": ("support_tickets",),
    "segment": ("web_events", "web_identifies"),
    "salesforce": ("crm_contacts", "crm_accounts", "crm_deals", "crm_activities"),
}


def tool_provides(raw_dir: Path, table: str) -> bool:
    """True when a non-empty tool folder of the landing folder feeds `table`: its own file may
    then be absent, as the dbt loader accepts."""
    return any(
        table in feeds and (raw_dir / tool).is_dir() and any((raw_dir / tool).iterdir())
        for tool, feeds in TOOL_FEEDS.items()
    )


def missing_table_message(raw_dir: Path, table: str) -> str:
    """The message for a landing table without files, worded as the dbt loader words it."""
    return (
        f"Landing table '{table}' not found in '{raw_dir}': expected {table}.csv, "
        f"{table}.parquet or a folder {table}/ of such files."
    )


# --- the dbt side of the registry ---------------------------------------------------------

DBT_MACRO_PATH = (
    Path(__file__).resolve().parent.parent / "macros" / "landing" / ("journey_landing_registry.sql")
)


def _jinja_literal(value: object) -> str:
    """A Python value as a Jinja literal (Jinja spells null `none`)."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return json.dumps(value)
    if isinstance(value, dict):
        items = ", ".join(f"{json.dumps(k)}: {_jinja_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_jinja_literal(item) for item in value) + "]"
    raise TypeError(f"no Jinja literal for {type(value).__name__}")


def render_dbt_macro() -> str:
    """The registry as the dbt macro `journey_landing_registry()`: a list of dicts, one per
    landing table, with the fields of LandingTable (pairs as two-element lists)."""
    entries = "\n".join(
        f"    {_jinja_literal(asdict(table))}{',' if index < len(REGISTRY) - 1 else ''}"
        for index, table in enumerate(REGISTRY)
    )
    return (
        "{#- Generated from journey/contract.py by `python -m journey.contract`; do not edit.\n"
        "    The landing registry (SPEC §1, §2, §8): one dict per landing table with its dbt\n"
        "    source, models, columns, key, change-feed flag, required, timestamp, number, email\n"
        "    and category columns, identifier columns and identity links. -#}\n"
        "{% macro journey_landing_registry() -%}\n"
        "{{ return([\n"
        f"{entries}\n"
        "]) }}\n"
        "{%- endmacro %}\n"
        "\n"
        "{#- Landing text that parses as a timestamp (SPEC §1), as journey/contract.py says. -#}\n"
        "{% macro journey_timestamp_pattern() -%}\n"
        f"{{{{ return({_jinja_literal(TIMESTAMP_PATTERN)}) }}}}\n"
        "{%- endmacro %}\n"
        "\n"
        "{#- Landing text that parses as a number (SPEC §1), as journey/contract.py says. -#}\n"
        "{% macro journey_number_pattern() -%}\n"
        f"{{{{ return({_jinja_literal(NUMBER_PATTERN)}) }}}}\n"
        "{%- endmacro %}\n"
    )


def main() -> int:
    DBT_MACRO_PATH.parent.mkdir(parents=True, exist_ok=True)
    DBT_MACRO_PATH.write_text(render_dbt_macro())
    print(f"wrote {DBT_MACRO_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
