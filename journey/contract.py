"""The landing contract (SPEC §1, §2, §8): one registry of the nine raw tables.

Everything that needs to know the landing tables reads it from here: the loader and the staging,
quarantine, identity and reconciliation models (through the generated dbt macro
`macros/landing/journey_landing_registry.sql`), the raw quality suites, the generator and the
tests. `python -m journey.contract` rewrites the macro; a test fails when it is out of date.
"""

from __future__ import annotations

import calendar
import json
import math
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Identifier types in SPEC §2 order: a component's smallest identifier sorts by this first.
IDENTIFIER_TYPES: tuple[str, ...] = ("contact_id", "user_id", "email", "anonymous_id")


@dataclass(frozen=True, kw_only=True)
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
    base_model: str = field(init=False)  # base_<source>__<source_table>
    staging_model: str = field(init=False)  # stg_<source>__<source_table>
    columns: tuple[str, ...]
    key: str | None  # the table's own key; web_identifies has none
    staging_key: str = ""  # the record key in the staging model (the key when not given)
    change_feed: bool = field(init=False)  # latest updated_at per key wins (SPEC §8)
    has_deletes: bool = False  # is_deleted on the winning version removes the record
    # What a repeated key means: `latest_version` (change feeds: the latest updated_at wins, the
    # rest are superseded), `earliest_delivery` (at-least-once delivery: the earliest
    # received_at wins, the rest are superseded), `first_occurrence` (one row per record: later
    # repeats are quarantined) or `none` (no key).
    repeats: str
    placed_by: str  # the timestamp that places a row in time
    required: tuple[str, ...]
    timestamps: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    # Numbers held as whole counts (staging casts them to integer): one outside the integer
    # range (INTEGER_LIMIT) does not parse either.
    integers: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # compared as lower(trim(value))
    identifiers: tuple[tuple[str, str], ...] = ()  # (identifier type, landing column)
    links: tuple[tuple[str, str], ...] = ()  # (identifier type, identifier type)
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A timestamp replaced by another when it runs ahead of it (SPEC §1 clock skew): such a
    # value is not held to the load horizon while its replacement is present.
    replaced_when_ahead: dict[str, str] = field(default_factory=dict)
    # An optional table may be absent from the landing folder: it is then loaded empty.
    optional: bool = False

    def __post_init__(self) -> None:
        # The model names and the change-feed flag follow from the fields above.
        derived = {
            "base_model": f"base_{self.source}__{self.source_table}",
            "staging_model": f"stg_{self.source}__{self.source_table}",
            "staging_key": self.staging_key or self.key or "",
            "change_feed": self.repeats == "latest_version",
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)


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
# A count (LandingTable.integers) must round into a 32-bit integer: `1e12` employees is a
# finite number, but no integer column holds it (the cast would stop the build).
INTEGER_LIMIT = 2147483647.5


def parses_as_number(text: str, integer: bool = False) -> bool:
    """The warehouse's number rule (`journey_safe_number`) in Python: the text, trimmed of
    spaces as SQL `trim` does, matches NUMBER_PATTERN and is finite as a double; a count
    (`integer`) also lies within INTEGER_LIMIT (`journey_safe_integer`)."""
    value = text.strip(" ")
    if re.fullmatch(NUMBER_PATTERN, value) is None or not math.isfinite(float(value)):
        return False
    return not integer or abs(float(value)) < INTEGER_LIMIT


def parses_as_timestamp(text: str) -> bool:
    """The warehouse's timestamp rule (`parse_timestamp_utc`) in Python: the text, trimmed of
    spaces, matches TIMESTAMP_PATTERN and names a real date and time (DuckDB's cast also
    takes hour 24 as the next midnight, and any two-digit offset)."""
    value = text.strip(" ")
    if re.fullmatch(TIMESTAMP_PATTERN, value) is None:
        return False
    year, month, day = (int(part) for part in value[:10].split("-"))
    clock = re.match(r"[T ]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?", value[10:])
    hour, minute, second = (int(part or 0) for part in clock.groups()) if clock else (0, 0, 0)
    days_in_month = calendar.monthrange(year or 4, month)[1] if 1 <= month <= 12 else 0
    time_ok = minute <= 59 and second <= 59 and (hour <= 23 or (hour, minute, second) == (24, 0, 0))
    return 1 <= day <= days_in_month and time_ok


# NPS scores are 0-10 (SPEC §1); values outside are kept and match no rule.
NPS_SCORE_RANGE: tuple[int, int] = (0, 10)

REGISTRY: tuple[LandingTable, ...] = (
    LandingTable(
        name="crm_contacts",
        source="crm",
        source_table="contacts",
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
        has_deletes=True,
        repeats="latest_version",
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
        columns=(
            "account_id",
            "account_name",
            "industry",
            "employee_count",
            "created_at",
            "updated_at",
        ),
        key="account_id",
        repeats="latest_version",
        placed_by="updated_at",
        required=("account_id", "updated_at"),
        timestamps=("created_at", "updated_at"),
        numbers=("employee_count",),
        integers=("employee_count",),
        categories=("industry",),
    ),
    LandingTable(
        name="crm_deals",
        source="crm",
        source_table="deals",
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
        repeats="latest_version",
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
        columns=("activity_id", "contact_id", "activity_type", "occurred_at"),
        key="activity_id",
        repeats="first_occurrence",
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
        repeats="latest_version",
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
        repeats="earliest_delivery",
        placed_by="event_at",
        required=("event_id", "event_at"),
        timestamps=("event_at", "received_at"),
        categories=("event_name", "utm_source", "utm_medium", "utm_campaign"),
        identifiers=(("anonymous_id", "anonymous_id"), ("user_id", "user_id")),
        links=(("user_id", "anonymous_id"),),
        vocabularies={"event_name": EVENT_NAMES},
        replaced_when_ahead={"event_at": "received_at"},
    ),
    LandingTable(
        name="web_identifies",
        source="web",
        source_table="identifies",
        columns=("anonymous_id", "user_id", "email", "identified_at"),
        key=None,
        staging_key="identify_id",
        repeats="none",
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
        repeats="latest_version",
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
        columns=("response_id", "email", "score", "comment", "responded_at"),
        key="response_id",
        repeats="first_occurrence",
        placed_by="responded_at",
        required=("response_id", "responded_at"),
        timestamps=("responded_at",),
        numbers=("score",),
        integers=("score",),
        emails=("email",),
        identifiers=(("email", "email"),),
    ),
    # Requests to erase a person: they name one identifier of the person, and the
    # run erases the whole identity component. Its values are no identifiers of the graph.
    LandingTable(
        name="erasure_requests",
        source="erasure",
        source_table="requests",
        columns=("request_id", "identifier_type", "identifier_value", "requested_at"),
        key="request_id",
        has_deletes=False,
        repeats="first_occurrence",
        placed_by="requested_at",
        required=("request_id", "identifier_type", "identifier_value", "requested_at"),
        timestamps=("requested_at",),
        categories=("identifier_type",),
        vocabularies={"identifier_type": IDENTIFIER_TYPES},
        optional=True,
    ),
)

TABLES: dict[str, LandingTable] = {table.name: table for table in REGISTRY}
LANDING_COLUMNS: dict[str, tuple[str, ...]] = {table.name: table.columns for table in REGISTRY}

LANDING_TABLES: tuple[str, ...] = tuple(LANDING_COLUMNS)
# The email columns of the landing tables, as (table, column), in registry order.
EMAIL_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (table.name, column) for table in REGISTRY for column in table.emails
)
# The tables every export has (an optional one may be absent; generators write these).
REQUIRED_LANDING_TABLES: tuple[str, ...] = tuple(t.name for t in REGISTRY if not t.optional)


# How a landing table may arrive (SPEC §1): `<table>` plus one of these suffixes, matched
# case-insensitively, or a folder `<table>/` of such files. The loader (macros/landing/) reads the
# same list from the generated registry macro.
LANDING_SUFFIXES: tuple[str, ...] = (".csv", ".csv.gz", ".parquet")
# How many unrecognised names a "no landing file" message shows before "and N more".
FOUND_NAMES_SHOWN = 5


def landing_suffix(name: str) -> str | None:
    """The landing suffix a file name ends with (lower-cased), or None. `.csv.gz` wins over a
    bare `.gz`, which is no landing suffix."""
    lowered = name.lower()
    return next(
        (s for s in sorted(LANDING_SUFFIXES, key=len, reverse=True) if lowered.endswith(s)), None
    )


def landing_format(path: Path) -> str:
    """`csv` or `parquet`: how the loader reads a landing file (gzip CSV is `csv`)."""
    return "parquet" if landing_suffix(path.name) == ".parquet" else "csv"


def _readable(path: Path) -> bool:
    # DuckDB's file listing does not show names with a backslash, and hidden files (`.x.csv`,
    # macOS `._x.csv`) are no exports: the loader reads neither, so neither is listed here.
    return path.is_file() and "\\" not in path.name and not path.name.startswith(".")


def landing_places(raw_dir: Path, table: str) -> list[Path]:
    """Where the landing folder gives `table`: each `<table><suffix>` file beside it and the
    folder `<table>/` when it holds a landing file. More than one place is an error."""
    singles = sorted(
        (
            path
            for path in (raw_dir.iterdir() if raw_dir.is_dir() else ())
            if _readable(path)
            and path.name.startswith(table)
            and (path.name[len(table) :].lower() in LANDING_SUFFIXES)
        ),
        key=lambda path: path.name,
    )
    folder = raw_dir / table
    return singles + ([folder] if _folder_parts(folder) else [])


def _folder_parts(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    parts = (path for path in folder.iterdir() if _readable(path) and landing_suffix(path.name))
    return sorted(parts, key=lambda path: path.name)


def landing_files(raw_dir: Path, table: str) -> list[Path]:
    """The files of one landing table, as the warehouse loader reads them and in its order: the
    one `<table>.csv`, `.csv.gz` or `.parquet` file, or every such file of the folder
    `<table>/` in name order (names taken literally, suffixes in any case). Where the table is
    given twice (see `landing_places`) every place's files are listed, so a caller never sees
    fewer files than are there; `landing_table_problem` names the conflict."""
    files: list[Path] = []
    for place in landing_places(raw_dir, table):
        files.extend(_folder_parts(place) if place.is_dir() else [place])
    return files


# Tool folders of the landing folder and the canonical tables their adapters feed: the Python
# side of `feeds` in macros/vendors/journey_vendor_tables.sql (a test keeps the two equal).
TOOL_FEEDS: dict[str, tuple[str, ...]] = {
    "snowplow": ("web_events",),
    "hubspot": ("crm_contacts", "crm_accounts", "crm_deals", "crm_activities"),
    "zendesk": ("support_tickets",),
    "segment": ("web_events", "web_identifies"),
    "salesforce": ("crm_contacts", "crm_accounts", "crm_deals", "crm_activities"),
}


# What an erasure needs of the tool tables beyond their adapters (which map a tool row to a
# canonical row, identifiers included; `orchestration/erasure.py`). A tool table is loaded as
# `landing.<tool>__<table>`.
# Identifier columns of tool tables, matched as the identity graph reads them: (identifier
# type, column). The lookups and links no adapter row comes from, and columns an adapter reads
# only through a join (an email event's recipient names its contact by email).
TOOL_IDENTIFIERS: dict[str, tuple[tuple[str, str], ...]] = {
    "hubspot__deal_contact": (("contact_id", "contact_id"),),
    "hubspot__engagement_contact": (("contact_id", "contact_id"),),
    "hubspot__email_event": (("email", "recipient"),),
    "zendesk__user": (("email", "email"), ("contact_id", "external_id")),
}
# Tool rows that exist for one row of another table (a ticket's field history, the details of
# an engagement) and go with it: parent table -> (child table, child column, parent column).
TOOL_CHILDREN: dict[str, tuple[tuple[str, str, str], ...]] = {
    "hubspot__deal": (
        ("hubspot__deal_contact", "deal_id", "deal_id"),
        ("hubspot__deal_company", "deal_id", "deal_id"),
    ),
    "hubspot__engagement": tuple(
        (f"hubspot__engagement_{detail}", "engagement_id", "id")
        for detail in ("contact", "call", "email", "meeting")
    ),
    "snowplow__events": (
        ("snowplow__com_iab_snowplow_spiders_and_robots_1", "root_id", "event_id"),
    ),
    "zendesk__ticket": (("zendesk__ticket_field_history", "ticket_id", "id"),),
}


def _tool_folder(raw_dir: Path, tool: str) -> bool:
    return (raw_dir / tool).is_dir() and any((raw_dir / tool).iterdir())


def tools_only(raw_dir: Path) -> bool:
    """True when the landing folder holds tool folders and not one canonical landing file: a
    folder of exports as the tools write them, where a table no tool feeds (orders, NPS) is
    read as empty instead of stopping the run."""
    return any(_tool_folder(raw_dir, tool) for tool in TOOL_FEEDS) and not any(
        landing_places(raw_dir, table) for table in LANDING_TABLES
    )


def tool_provides(raw_dir: Path, table: str) -> bool:
    """True when a non-empty tool folder of the landing folder feeds `table`, or the folder
    holds tool folders only (`tools_only`): its own file may then be absent, as the dbt
    loader accepts."""
    return any(
        table in feeds and _tool_folder(raw_dir, tool) for tool, feeds in TOOL_FEEDS.items()
    ) or tools_only(raw_dir)


def missing_table_message(raw_dir: Path, table: str) -> str:
    """The message for a landing table without files, worded as the dbt loader words it."""
    return (
        f"Landing table '{table}' not found in '{raw_dir}': expected {table}.csv, "
        f"{table}.csv.gz, {table}.parquet or a folder {table}/ of such files."
    )


def twice_given_message(raw_dir: Path, table: str, places: list[Path]) -> str:
    """The message for a landing table given in more than one place, as the loader words it."""
    names = ", ".join(
        f"{place.relative_to(raw_dir).as_posix()}{'/' if place.is_dir() else ''}"
        for place in places
    )
    return (
        f"Landing table '{table}' is given {len(places)} times in '{raw_dir}': {names}. "
        "Keep one file or one folder per table."
    )


def landing_table_problem(raw_dir: Path, table: str) -> str | None:
    """Why the loader cannot read `table` from the folder (no file, given twice), or None."""
    places = landing_places(raw_dir, table)
    if not places:
        if TABLES[table].optional or tool_provides(raw_dir, table):
            return None
        return missing_table_message(raw_dir, table)
    if len(places) > 1:
        return twice_given_message(raw_dir, table, places)
    return None


def expected_files_text() -> str:
    """The landing file names the loader expects, as its messages list them."""
    return (
        ", ".join(LANDING_TABLES)
        + " (each as <table>.csv, <table>.csv.gz, <table>.parquet or a folder <table>/ of such"
        " files)"
    )


def _folder_listing(raw_dir: Path) -> list[str]:
    """Files in the folder and in its direct subfolders (what the loader lists), by relative
    name: never a deeper walk, so a mistyped path such as `/` answers at once."""
    if not raw_dir.is_dir():
        return []
    files = []
    for path in raw_dir.iterdir():
        children = path.iterdir() if path.is_dir() else (path,)
        files.extend(child for child in children if child.is_file() and "\\" not in child.name)
    return sorted(path.relative_to(raw_dir).as_posix() for path in files)


def landing_folder_problem(raw_dir: Path) -> str | None:
    """Why the folder as a whole is no landing folder (missing, empty, or not one landing file
    in it), worded as the loader words it; None when it holds at least one landing file."""
    entries = _folder_listing(raw_dir)
    prefix = f"Landing folder '{raw_dir}' (JOURNEY_RAW_DIR)"
    if not entries:
        return f"{prefix} is empty or does not exist: expected {expected_files_text()}."
    if any(
        landing_files(raw_dir, table) or tool_provides(raw_dir, table) for table in LANDING_TABLES
    ):
        return None
    shown = ", ".join(entries[:FOUND_NAMES_SHOWN])
    more = len(entries) - FOUND_NAMES_SHOWN
    return (
        f"{prefix} holds no landing file: expected {expected_files_text()}; found instead: "
        f"{shown}{f' and {more} more' if more > 0 else ''}."
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
        "\n"
        "{#- The bound of a count column (LandingTable.integers), as journey/contract.py\n"
        "    says. -#}\n"
        "{% macro journey_integer_limit() -%}\n"
        f"{{{{ return({_jinja_literal(INTEGER_LIMIT)}) }}}}\n"
        "{%- endmacro %}\n"
        "\n"
        "{#- Suffixes of landing files (SPEC §1, matched case-insensitively), as\n"
        "    journey/contract.py says. -#}\n"
        "{% macro journey_landing_suffixes() -%}\n"
        f"{{{{ return({_jinja_literal(LANDING_SUFFIXES)}) }}}}\n"
        "{%- endmacro %}\n"
    )


def main() -> int:
    DBT_MACRO_PATH.parent.mkdir(parents=True, exist_ok=True)
    DBT_MACRO_PATH.write_text(render_dbt_macro())
    print(f"wrote {DBT_MACRO_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
