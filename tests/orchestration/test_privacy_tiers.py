"""Personal data after a real `journey_daily` run (dbt, GX, Dagster) on generated landing data.

The landing copy gets URLs whose query strings carry an email and a token (as tracking
exports do), on top of the generator's raw emails, names, phones and invalid emails. After
the run: the dashboard file holds no landing, staging or identity relation and no text that
looks like an email, a phone number or an IPv4 address; URL query strings keep only utm_*;
the identity file is owner-only; GX stores, Data Docs, the console and the Dagster event log
hold no raw email of the landing data.
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import duckdb
import pytest
from conftest import dagster_instance
from dagster._serdes import serialize_value

from journey.contract import TABLES
from journey.privacy import contains_personal_pattern, identity_path, key_file
from journey.settings import Settings
from orchestration.publish import PUBLISHED_KEY
from orchestration.run import run_job

pytestmark = pytest.mark.slow

LEAKED_TOKEN = "s3cr3t-reset-token"
IDENTITY_ONLY = {"dim_customer_identifiers", "fct_quarantine_raw_values", "identity_blocklist"}
LAYERS_KEPT_OUT = {"landing", "raw", "staging", "intermediate"}


@dataclass
class PrivacyRun:
    settings: Settings
    raw_emails: set[str]
    console: str
    event_log: str
    run_id: str


def _with_personal_query_strings(path: Path, email: str) -> None:
    """Every third event's page URL and referrer carry an email and a token in the query."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    for index, row in enumerate(rows):
        if index % 3 == 0 and row["page_url"]:
            base = row["page_url"].split("?")[0]
            row["page_url"] = (
                f"{base}?email={email}&token={LEAKED_TOKEN}&utm_source=newsletter"
                "&UTM_Campaign=spring#section"
            )
            row["referrer"] = f"https://webmail.example-mail.net/read?to={email}&msg=42"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _raw_emails(raw_dir: Path) -> set[str]:
    """Every non-empty email value of the landing files as written (valid or not), and its
    normalised form."""
    found: set[str] = set()
    for table in TABLES.values():
        path = raw_dir / f"{table.name}.csv"
        if not table.emails or not path.is_file():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in table.emails:
                    value = (row.get(column) or "").strip()
                    if "@" in value:
                        found |= {value, value.lower()}
    return found


@pytest.fixture(scope="module")
def privacy_run(
    tmp_path_factory: pytest.TempPathFactory, generated_landing: Path
) -> Iterator[PrivacyRun]:
    root = tmp_path_factory.mktemp("privacy")
    raw_dir = root / "raw"
    shutil.copytree(generated_landing, raw_dir)
    with (raw_dir / "crm_contacts.csv").open(newline="", encoding="utf-8") as handle:
        email = next(row["email"] for row in csv.DictReader(handle) if "@" in row["email"])
    _with_personal_query_strings(raw_dir / "web_events.csv", email.strip())
    settings = Settings(
        raw_dir=raw_dir,
        duckdb_path=root / "warehouse" / "journey.duckdb",
        reports_dir=root / "reports",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(root / "target"))
        patch.setenv("DBT_LOG_PATH", str(root / "logs"))
        patch.setenv("JOURNEY_QUALITY_AS_OF", "2030-01-01T00:00:00Z")
        patch.delenv("JOURNEY_PRIVACY_KEY", raising=False)
        patch.delenv("JOURNEY_IDENTITY_DUCKDB_PATH", raising=False)
        out, err = io.StringIO(), io.StringIO()
        with dagster_instance() as instance:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = run_job(settings, instance=instance)
            console = out.getvalue() + err.getvalue()
            assert code == 0, console[-4000:]
            published = instance.get_latest_materialization_event(PUBLISHED_KEY)
            assert published is not None
            run_id = published.run_id
            event_log = "\n".join(serialize_value(entry) for entry in instance.all_logs(run_id))
    yield PrivacyRun(settings, _raw_emails(raw_dir), console, event_log, run_id)


def _relations(path: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        rows = connection.execute(
            "select table_schema, table_name, column_name, data_type from "
            "information_schema.columns where table_catalog = current_database()"
        ).fetchall()
    relations: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, column, data_type in rows:
        relations.setdefault((schema, table), []).append((column, data_type))
    return relations


def _text_values(path: Path) -> Iterator[tuple[str, str, str]]:
    """(relation, column, value) for every distinct value of every text column."""
    with duckdb.connect(str(path), read_only=True) as connection:
        for (schema, table), columns in _relations(path).items():
            for column, data_type in columns:
                if data_type not in ("VARCHAR", "VARCHAR[]"):
                    continue
                query = (
                    f'select distinct cast("{column}" as varchar) from "{schema}"."{table}" '
                    f'where "{column}" is not null'
                )
                for (value,) in connection.execute(query).fetchall():
                    yield f"{schema}.{table}", column, value


def test_dashboard_file_holds_only_dashboard_relations(privacy_run: PrivacyRun) -> None:
    relations = _relations(privacy_run.settings.duckdb_path)
    schemas = {schema for schema, _ in relations}
    names = {name for _, name in relations}
    assert schemas & LAYERS_KEPT_OUT == set()
    assert names & IDENTITY_ONLY == set()
    # What dashboards read is there, with the safe siblings and without the personal columns.
    customers = dict(relations[("marts", "dim_customers")])
    assert {"customer_id", "primary_email_domain", "primary_email_hash"} <= set(customers)
    assert not {"primary_email", "primary_contact_id", "contact_ids"} & set(customers)
    sessions = dict(relations[("marts", "fct_web_sessions")])
    assert {"landing_page_url_safe", "referrer_safe"} <= set(sessions)
    assert not {"landing_page_url", "referrer", "anonymous_id", "user_id"} & set(sessions)
    assert ("meta", "published_run") in relations
    with duckdb.connect(str(privacy_run.settings.duckdb_path), read_only=True) as connection:
        assert connection.execute("select run_id from meta.published_run").fetchone() == (
            privacy_run.run_id,
        )
        hashed, domains = connection.execute(
            "select count(primary_email_hash), count(primary_email_domain) from marts.dim_customers"
        ).fetchone()
    # The run created a key (none was set), so emails are hashed, and hashed with it.
    assert hashed > 0 and hashed == domains


def test_dashboard_file_has_no_email_phone_or_ip_in_any_text_column(
    privacy_run: PrivacyRun,
) -> None:
    leaks = [
        (relation, column, value)
        for relation, column, value in _text_values(privacy_run.settings.duckdb_path)
        if contains_personal_pattern(value) or LEAKED_TOKEN in value
    ]
    assert leaks == []


def test_url_query_strings_keep_only_utm_parameters_on_dashboards(
    privacy_run: PrivacyRun,
) -> None:
    urls = [
        value
        for _, _, value in _text_values(privacy_run.settings.duckdb_path)
        if value.startswith(("http://", "https://"))
    ]
    with_query = [url for url in urls if urlsplit(url).query]
    # The injected URLs reached the dashboards, reduced to their UTM parameters.
    assert with_query, "no URL with a query string reached the dashboard file"
    for url in urls:
        parts = urlsplit(url)
        assert not parts.fragment and "@" not in parts.netloc, url
        names = [name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)]
        assert all(name.startswith("utm_") for name in names), url
    assert any("utm_source=newsletter&UTM_Campaign=spring" in url for url in with_query)


def test_identity_file_keeps_everything_for_stewards_owner_only(privacy_run: PrivacyRun) -> None:
    identity = identity_path(privacy_run.settings.duckdb_path)
    assert identity == privacy_run.settings.duckdb_path.with_name("journey.identity.duckdb")
    assert stat.S_IMODE(identity.stat().st_mode) == 0o600
    key = key_file(privacy_run.settings.duckdb_path)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    relations = _relations(identity)
    assert {("marts", "dim_customer_identifiers"), ("marts", "fct_quarantine_raw_values")} <= set(
        relations
    )
    assert {"landing", "staging"} <= {schema for schema, _ in relations}
    with duckdb.connect(str(identity), read_only=True) as connection:
        emails = {
            value
            for (value,) in connection.execute(
                "select identifier_value from marts.dim_customer_identifiers"
                " where identifier_type = 'email'"
            ).fetchall()
        }
        assert connection.execute("select run_id from meta.published_run").fetchone() == (
            privacy_run.run_id,
        )
    assert emails and emails <= privacy_run.raw_emails


def _files_with(folder: Path, needles: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace").lower()
        hits = sorted(needle for needle in needles if needle in text)
        if hits:
            found[str(path.relative_to(folder))] = hits[:3]
    return found


def test_quality_stores_docs_console_and_event_log_hold_no_raw_email(
    privacy_run: PrivacyRun,
) -> None:
    needles = {email.lower() for email in privacy_run.raw_emails}
    reports = privacy_run.settings.reports_dir
    assert (reports / "gx").is_dir() and (reports / "quality").is_dir()
    assert _files_with(reports / "gx", needles) == {}
    assert _files_with(reports / "quality", needles) == {}
    console, events = privacy_run.console.lower(), privacy_run.event_log.lower()
    assert sorted(n for n in needles if n in console) == []
    assert sorted(n for n in needles if n in events) == []
    # The samples are there, masked: the generated invalid emails fail the email format check.
    stored = "".join(path.read_text(errors="replace") for path in (reports / "gx").rglob("*.json"))
    assert "*** (" in stored or "***@" in stored
