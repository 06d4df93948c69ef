"""Landing folders in the tools' own shapes, built from the Apache-2.0 copies in
../shared/external (see its MANIFEST.md): each tool's files under `<landing>/<tool>/`, named
after the tool's tables, header-only canonical files for the tables no tool provides."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from dbt_harness import PROJECT_DIR, write_landing

# ../shared/external next to the checkout (the checkout lives in /work/<checkout>).
EXTERNAL_DIR = PROJECT_DIR.parent / "shared" / "external"
if not EXTERNAL_DIR.is_dir():
    EXTERNAL_DIR = PROJECT_DIR.parent.parent / "shared" / "external"

SNOWPLOW_DIR = EXTERNAL_DIR / "snowplow-dbt-snowplow-web" / "integration_tests" / "data"
HUBSPOT_DIR = EXTERNAL_DIR / "fivetran-dbt_hubspot" / "integration_tests" / "seeds"
ZENDESK_DIR = EXTERNAL_DIR / "fivetran-dbt_zendesk" / "integration_tests" / "seeds"
SALESFORCE_DIR = EXTERNAL_DIR / "fivetran-dbt_salesforce" / "integration_tests" / "seeds"
SEGMENT_DIR = EXTERNAL_DIR / "dbt-labs-segment" / "integration_tests" / "seeds"

HUBSPOT_TABLES = (
    "contact",
    "company",
    "deal",
    "deal_pipeline_stage",
    "deal_contact",
    "deal_company",
    "engagement",
    "engagement_contact",
    "engagement_call",
    "engagement_email",
    "engagement_meeting",
    "email_event",
)
ZENDESK_TABLES = ("ticket", "user", "ticket_field_history")
SALESFORCE_TABLES = (
    "lead",
    "contact",
    "account",
    "opportunity",
    "opportunity_history",
    "task",
    "event",
)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def copy_snowplow(raw_dir: Path) -> None:
    """Snowplow's atomic `events` and the IAB spiders-and-robots context table."""
    folder = raw_dir / "snowplow"
    folder.mkdir(parents=True, exist_ok=True)
    source = SNOWPLOW_DIR / "source"
    shutil.copy(source / "snowplow_web_events.csv", folder / "events.csv")
    shutil.copy(
        source / "snowplow_web_spider_context.csv",
        folder / "com_iab_snowplow_spiders_and_robots_1.csv",
    )


def copy_fivetran(raw_dir: Path, tool: str, source: Path, tables: tuple[str, ...]) -> None:
    """Fivetran package seeds keep their file names (`<table>_data.csv`, Salesforce's with
    `sf_` first): the loader accepts them as they are."""
    folder = raw_dir / tool
    folder.mkdir(parents=True, exist_ok=True)
    prefix = "sf_" if tool == "salesforce" else ""
    for table in tables:
        name = f"{prefix}{table}_data.csv"
        shutil.copy(source / name, folder / name)


def copy_tool_exports(raw_dir: Path) -> None:
    """The Snowplow, HubSpot and Zendesk exports, each in its tool's folder."""
    copy_snowplow(raw_dir)
    copy_fivetran(raw_dir, "hubspot", HUBSPOT_DIR, HUBSPOT_TABLES)
    copy_fivetran(raw_dir, "zendesk", ZENDESK_DIR, ZENDESK_TABLES)


def finish_landing(raw_dir: Path, provided: tuple[str, ...]) -> Path:
    """Header-only canonical files for the tables no tool folder provides."""
    write_landing(raw_dir, {})
    for table in provided:
        (raw_dir / f"{table}.csv").unlink()
    return raw_dir
