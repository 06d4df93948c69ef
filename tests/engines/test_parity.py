"""Parity of the marts across engines: DuckDB and Postgres built from one landing folder
(generated data plus hand-written awkward values) must agree, and a planted difference must be
found. Needs a local Postgres (scripts/postgres.sh starts one) unless JOURNEY_PG_PORT points at
a server."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import io
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from dbt_harness import csv_text

from journey.engines import ensure_postgres, postgres_params
from journey.generate import generate
from journey.parity import (
    TargetResult,
    canonical,
    checksum,
    compare,
    mart_sums,
    target_settings,
)
from journey.settings import Settings
from orchestration import cli

pytestmark = pytest.mark.slow

# Values at the edges of the parsing rules (SPEC §1), each engine parsing them its own way.
AWKWARD_DEALS = [
    {"deal_id": "edge-1", "amount": "1e3", "created_at": "2024-03-01T9:05:00+0200"},
    {"deal_id": "edge-2", "amount": " 12.50 ", "created_at": "2024-03-01T10:00:00.123456Z"},
    {"deal_id": "edge-3", "amount": "abc", "created_at": "2024-02-30 10:00:00"},
    {"deal_id": "edge-4", "amount": "1e999", "created_at": "2024-03-01 10:00"},
    {"deal_id": "edge-5", "amount": ".5", "created_at": "2024-03-01 10:00:00 UTC"},
    {"deal_id": "edge-6", "amount": "-", "created_at": "03/01/2024"},
]


def _settings(landing: Path, target: str, work: Path) -> Settings:
    """The settings of one target's parity build of `landing`, under `work`."""
    return target_settings(Settings.from_env({"JOURNEY_RAW_DIR": str(landing)}), target, work)


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw_dir = tmp_path_factory.mktemp("landing")
    generate(raw_dir, persons=200, seed=11, fmt="csv", progress=False)
    rows = [
        {
            **row,
            "contact_id": "c-edge",
            "deal_stage": "open",
            "currency": "usd",
            "updated_at": "2024-03-02T00:00:00Z",
        }
        for row in AWKWARD_DEALS
    ]
    # A table is one file or one folder: the generated deals become one part of the folder.
    (raw_dir / "crm_deals").mkdir()
    (raw_dir / "crm_deals.csv").rename(raw_dir / "crm_deals" / "generated.csv")
    text = csv_text("crm_deals", rows) + 'edge-7,"broken quote,,\n'
    (raw_dir / "crm_deals" / "awkward.csv").write_text(text)
    return raw_dir


@dataclass
class Parity:
    """`journey parity` on both targets: its exit code and report, and each target's marts."""

    work: Path
    code: int
    output: str
    results: dict[str, TargetResult]


def _leave_an_older_warehouse(settings: Settings) -> None:
    """What an earlier build of other data with older code leaves on Postgres: an incremental
    model without this build's columns, and a customer id change log with rows."""
    ensure_postgres(settings)
    with psycopg.connect(**postgres_params(settings), autocommit=True) as connection:
        connection.execute("create schema if not exists marts")
        for table in ("fct_web_sessions", "fct_customer_id_changes"):
            connection.execute(f"drop table if exists marts.{table} cascade")
            connection.execute(f"create table marts.{table} (session_id text)")
            connection.execute(f"insert into marts.{table} values ('from an earlier build')")


@pytest.fixture(scope="module")
def built(landing: Path, tmp_path_factory: pytest.TempPathFactory) -> Parity:
    work = tmp_path_factory.mktemp("parity")
    _leave_an_older_warehouse(_settings(landing, "postgres", work))
    args = ["parity", "--targets", "duckdb,postgres", "--raw-dir", str(landing)]
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(output):
        patch.delenv("JOURNEY_TARGET", raising=False)
        patch.setenv("JOURNEY_RAW_DIR", str(landing))  # restored after --raw-dir sets it
        code = cli.main([*args, "--work", str(work)])
    results = {
        target: TargetResult(target, marts=mart_sums(_settings(landing, target, work)))
        for target in ("duckdb", "postgres")
    }
    return Parity(work, code, output.getvalue(), results)


def test_postgres_build_is_green_and_its_marts_equal_duckdb(built: Parity) -> None:
    results = built.results
    assert built.code == 0, built.output
    assert built.output.endswith("parity: all marts equal\n"), built.output
    equal, report = compare(list(results.values()))
    assert equal, report
    assert len(results["postgres"].marts) >= 10
    # Every mart has rows, but those this landing gives nothing to: the tool overlap (no tool
    # folders), the erasure log (no request) and the customer-id changes (a first build).
    empty_here = {"agg_customer_tool_overlap", "erasure_log", "fct_customer_id_changes"}
    assert all(
        mart.rows > 0 for name, mart in results["postgres"].marts.items() if name not in empty_here
    ), report


def test_postgres_quarantines_what_duckdb_quarantines(built: Parity, landing: Path) -> None:
    work = built.work
    settings = _settings(landing, "postgres", work)
    with psycopg.connect(**postgres_params(settings)) as connection:
        rejected = connection.execute(
            "select table_name, line_number from landing._rejected_lines"
        ).fetchall()
        quarantined = connection.execute(
            "select distinct record_key from marts.fct_quarantine where table_name = 'crm_deals' "
            "and record_key like 'edge-%' order by 1"
        ).fetchall()
        null_text = connection.execute(
            "select count(*) from seeds.identity_blocklist where value = 'null'"
        ).fetchone()
    assert ("crm_deals", 8) in rejected  # the broken line, after the header and six rows
    # 1e999 overflows a double: no finite number, quarantined on every engine (SPEC §1).
    assert [key for (key,) in quarantined] == ["edge-3", "edge-4", "edge-6"]
    assert null_text == (2,)  # the text 'null' in a seed stays text


def test_a_planted_difference_on_one_target_is_found(built: Parity, landing: Path) -> None:
    work, results = built.work, built.results
    settings = _settings(landing, "postgres", work)
    planted = (
        "update marts.fct_web_sessions set event_count = event_count + 1 "
        "where session_id = (select min(session_id) from marts.fct_web_sessions)"
    )
    with psycopg.connect(**postgres_params(settings), autocommit=True) as connection:
        connection.execute(planted)
    try:
        changed = TargetResult("postgres", marts=mart_sums(settings))
    finally:
        with psycopg.connect(**postgres_params(settings), autocommit=True) as connection:
            connection.execute(planted.replace("+ 1", "- 1"))
    equal, report = compare([results["duckdb"], changed])
    assert not equal
    different = [line.split()[0] for line in report.splitlines() if line.endswith("DIFFERENT")]
    assert different == ["fct_web_sessions"], report
    assert (
        changed.marts["fct_web_sessions"].rows == results["duckdb"].marts["fct_web_sessions"].rows
    )


def test_canonical_values_agree_across_drivers() -> None:
    assert canonical(dt.datetime(2024, 1, 1, 10, 0, 0, 999_999)) == "2024-01-01 10:00:00"
    aware = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert canonical(aware) == "2024-01-01 10:00:00"
    assert canonical(decimal.Decimal("0.20000000000000000000")) == canonical(0.2)
    assert canonical(2.0) == canonical(2) == "2"
    assert canonical(1 / 3) == canonical(0.3333333333333333 + 1e-12)
    assert canonical(1 / 3) != canonical(0.333333334)
    assert canonical(None) != canonical("") != canonical("None")
    assert canonical(True) == "true"


def test_checksum_ignores_row_order_but_not_multiplicity() -> None:
    rows = [(1, "a"), (2, "b"), (2, "b")]
    assert checksum(rows) == checksum(list(reversed(rows)))
    assert checksum(rows) != checksum(rows[:2])
    assert checksum(rows).rows == 3
