"""A landing folder you can point at production: names read literally, gzip and upper-case
suffixes read, a table given twice or a broken header stops the build by name before anything is
changed, and a load that fails half-way leaves the previous landing tables as they were."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dbt_harness import LANDING_COLUMNS, BuildWarehouse, Warehouse, csv_text, write_landing

from journey.contract import (
    LANDING_TABLES,
    landing_files,
    landing_folder_problem,
    landing_table_problem,
    parses_as_number,
    parses_as_timestamp,
)

# One web_identifies row per part file: names that DuckDB's readers would take for globs.
IDENTIFY_PARTS = {
    "part[1].csv": "a-bracket",
    "part1.csv": "a-plain",
    "part*.csv": "a-star",
    "part?.csv": "a-question",
    "{x,y}.csv": "a-brace",
    "Part2.CSV": "a-upper-suffix",
}


def identify_row(anonymous_id: str) -> dict[str, str]:
    return {
        "anonymous_id": anonymous_id,
        "user_id": f"u-{anonymous_id}",
        "identified_at": "2024-01-02 10:00:00",
    }


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse) -> Warehouse:
    # The folder's own name holds glob characters too.
    raw_dir = tmp_path_factory.mktemp("awkward") / "drop [1] {x}"
    parts = raw_dir / "web_identifies"
    parts.mkdir(parents=True)
    for name, anonymous_id in IDENTIFY_PARTS.items():
        (parts / name).write_text(csv_text("web_identifies", [identify_row(anonymous_id)]))
    # Hidden files and other suffixes in a table folder are not landing files.
    (parts / ".part3.csv").write_text(csv_text("web_identifies", [identify_row("a-hidden")]))
    (parts / "notes.txt").write_text("exported by hand\n")
    (raw_dir / "crm_accounts.csv.gz").write_bytes(
        gzip.compress(
            csv_text(
                "crm_accounts",
                [{"account_id": "A-gz", "account_name": "Gzip Inc", "updated_at": "2024-01-01"}],
            ).encode()
        )
    )
    (raw_dir / "crm_activities.CSV").write_text(
        csv_text(
            "crm_activities",
            [
                {
                    "activity_id": "ACT-upper",
                    "contact_id": "C1",
                    "activity_type": "call",
                    "occurred_at": "2024-01-05 09:00:00",
                }
            ],
        )
    )
    # A quoted extra column whose name holds a comma: one column, ignored like any extra.
    (raw_dir / "crm_contacts.csv").write_text(
        'contact_id,"notes, internal",'
        + ",".join(LANDING_COLUMNS["crm_contacts"][1:])
        + "\n"
        + 'C1,"likes tea, not coffee",c1@acme.io,,Jo,Doe,,lead,,2024-01-01,2024-01-01,\n'
    )
    write_landing(
        raw_dir,
        {
            "crm_orders": ORDERS,
            "crm_deals": DEALS,
            "web_events": EVENTS,
            "support_tickets": TICKETS,
            "survey_nps": RESPONSES,
        },
    )
    return build_warehouse(raw_dir, args=("build", "--vars", "{journey__future_horizon_days: 30}"))


# --- hostile values (quarantined with their reason) --------------------------------------------

HOSTILE_NUMBERS = {
    "O-nan": "NaN",
    "O-inf": "inf",
    "O-minus-infinity": "-Infinity",
    "O-overflow": "1e400",
    "O-underscore": "1_000",
    "O-thousands": "1,000",
}
VALID_NUMBERS = {"O-decimal": ("12.5", 12.5), "O-exponent": ("1.5e3", 1500.0)}


def order(order_id: str, total: str) -> dict[str, str]:
    return {
        "order_id": order_id,
        "contact_id": "C1",
        "order_total": total,
        "currency": "USD",
        "status": "completed",
        "ordered_at": "2024-01-10 10:00:00",
        "updated_at": "2024-01-10 10:00:00",
    }


ORDERS = [order(key, text) for key, text in HOSTILE_NUMBERS.items()] + [
    order(key, text) for key, (text, _) in VALID_NUMBERS.items()
]

HOSTILE_TIMESTAMPS = {
    "D-infinity": "infinity",
    "D-epoch": "epoch",
    "D-now": "now",
    "D-named-zone": "2024-01-10 10:00:00 Europe/Paris",
    "D-february-30": "2024-02-30 10:00:00",
    "D-hour-25": "2024-01-10 25:00:00",
    "D-not-a-leap-day": "2023-02-29",
}
# Edge shapes the cast takes: a leap day, hour 24 (the next midnight), a compact offset.
VALID_TIMESTAMPS = {
    "D-leap-day": "2024-02-29",
    "D-hour-24": "2024-01-09 24:00:00",
    "D-compact-offset": "2024-01-09T10:00:00+0530",
}
DEALS = [
    {
        "deal_id": deal_id,
        "contact_id": "C1",
        "deal_stage": "open",
        "created_at": text,
        "updated_at": "2024-01-10 10:00:00",
    }
    for deal_id, text in {**HOSTILE_TIMESTAMPS, **VALID_TIMESTAMPS}.items()
]

# Valid shapes: a one-digit hour and a date without time.
RESPONSES = [
    {"response_id": "R-one-digit-hour", "score": "9", "responded_at": "2020-12-30 3:15:52"},
    {"response_id": "R-date-only", "score": "9", "responded_at": "2020-12-30"},
]

# The load's reference is the newest received_at/updated_at: 2024-06-01; horizon 30 days.
EVENTS = [
    {
        "event_id": "E-reference",
        "anonymous_id": "a-bracket",
        "event_name": "page_view",
        "event_at": "2024-06-01 00:00:00",
        "received_at": "2024-06-01 00:00:00",
    },
    # A client clock centuries ahead: staging uses received_at (SPEC §1), nothing quarantined.
    {
        "event_id": "E-clock-ahead",
        "anonymous_id": "a-bracket",
        "event_name": "page_view",
        "event_at": "2999-01-01 00:00:00",
        "received_at": "2024-05-01 00:00:00",
    },
    # The same without received_at: nothing corrects it.
    {
        "event_id": "E-future-alone",
        "anonymous_id": "a-bracket",
        "event_name": "page_view",
        "event_at": "2999-01-01 00:00:00",
    },
]


def ticket(ticket_id: str, solved_at: str) -> dict[str, str]:
    return {
        "ticket_id": ticket_id,
        "contact_id": "C1",
        "status": "solved",
        "created_at": "2024-05-01 00:00:00",
        "solved_at": solved_at,
        "updated_at": "2024-05-02 00:00:00",
    }


TICKETS = [
    ticket("T-at-horizon", "2024-07-01 00:00:00"),
    ticket("T-after-horizon", "2024-07-01 00:00:01"),
    ticket("T-sentinel", "9999-12-31"),
]


def reasons(warehouse: Warehouse, table: str) -> dict[str, str]:
    return dict(
        warehouse.query(
            "select record_key, reason from staging.stg_quarantine__records where table_name = ?",
            [table],
        )
    )


# --- names read literally, formats ---------------------------------------------------------


def test_glob_characters_in_file_and_folder_names_are_read_literally_once_each(
    awkward: Warehouse,
) -> None:
    loaded = awkward.query("select anonymous_id from landing.web_identifies order by 1")
    assert [row[0] for row in loaded] == sorted(IDENTIFY_PARTS.values())
    files = awkward.query(
        "select source_file, row_count from landing._files where table_name = 'web_identifies'"
    )
    assert sorted(files) == sorted((f"web_identifies/{name}", 1) for name in IDENTIFY_PARTS)


def test_python_listing_and_loader_read_the_same_files_in_the_same_order(
    awkward: Warehouse,
) -> None:
    for table in LANDING_TABLES:
        loaded = awkward.query(
            "select source_file from landing._files where table_name = ?", [table]
        )
        assert [row[0] for row in loaded] == [
            path.relative_to(awkward.raw_dir).as_posix()
            for path in landing_files(awkward.raw_dir, table)
        ], table


def test_gzip_csv_is_read(awkward: Warehouse) -> None:
    assert awkward.query(
        "select source_file, file_format, row_count from landing._files "
        "where table_name = 'crm_accounts'"
    ) == [("crm_accounts.csv.gz", "csv_gzip", 1)]
    assert awkward.query("select account_name from staging.stg_crm__accounts") == [("Gzip Inc",)]


def test_upper_case_suffix_is_read(awkward: Warehouse) -> None:
    assert awkward.query("select activity_id from staging.stg_crm__activities") == [("ACT-upper",)]


def test_quoted_header_with_a_comma_is_one_ignored_column_and_no_line_is_rejected(
    awkward: Warehouse,
) -> None:
    assert awkward.query("select contact_id, email from staging.stg_crm__contacts") == [
        ("C1", "c1@acme.io")
    ]
    assert awkward.query("select count(*) from landing._rejected_lines") == [(0,)]


# --- hostile values ------------------------------------------------------------------------


@pytest.mark.parametrize("order_id", HOSTILE_NUMBERS)
def test_hostile_number_is_quarantined_with_its_text(awkward: Warehouse, order_id: str) -> None:
    assert reasons(awkward, "crm_orders").get(order_id) == (
        f"unparseable number order_total: {HOSTILE_NUMBERS[order_id]}"
    )


def test_only_hostile_numbers_are_quarantined_and_valid_ones_parse(awkward: Warehouse) -> None:
    assert set(reasons(awkward, "crm_orders")) == set(HOSTILE_NUMBERS)
    totals = dict(awkward.query("select order_id, order_total from staging.stg_crm__orders"))
    assert totals == {key: value for key, (_, value) in VALID_NUMBERS.items()}


@pytest.mark.parametrize("deal_id", HOSTILE_TIMESTAMPS)
def test_hostile_timestamp_is_quarantined_with_its_text(awkward: Warehouse, deal_id: str) -> None:
    assert reasons(awkward, "crm_deals").get(deal_id) == (
        f"unparseable timestamp created_at: {HOSTILE_TIMESTAMPS[deal_id]}"
    )
    assert len(reasons(awkward, "crm_deals")) == len(HOSTILE_TIMESTAMPS)


def test_python_rules_agree_with_the_warehouse_on_every_value(awkward: Warehouse) -> None:
    """journey.contract's rules (what the quality gate checks) parse as the base models do."""
    quarantined_orders = reasons(awkward, "crm_orders")
    for row in ORDERS:
        verdict = parses_as_number(row["order_total"])
        assert verdict == (row["order_id"] not in quarantined_orders), row
    quarantined_deals = reasons(awkward, "crm_deals")
    for row in DEALS:
        verdict = parses_as_timestamp(row["created_at"])
        assert verdict == (row["deal_id"] not in quarantined_deals), row
    for row in RESPONSES:
        assert parses_as_timestamp(row["responded_at"]), row


def test_one_digit_hour_and_date_only_are_timestamps(awkward: Warehouse) -> None:
    from datetime import datetime

    assert dict(
        awkward.query("select response_id, responded_at from staging.stg_support__nps_responses")
    ) == {
        "R-one-digit-hour": datetime(2020, 12, 30, 3, 15, 52),
        "R-date-only": datetime(2020, 12, 30),
    }
    assert reasons(awkward, "survey_nps") == {}


def test_load_reference_is_the_newest_received_or_updated_at(awkward: Warehouse) -> None:
    from datetime import datetime

    assert awkward.query("select reference_at, horizon_days, horizon_at from landing._load") == [
        (datetime(2024, 6, 1), 30, datetime(2024, 7, 1))
    ]


def test_timestamps_after_the_load_horizon_are_quarantined(awkward: Warehouse) -> None:
    assert reasons(awkward, "support_tickets") == {
        "T-after-horizon": "timestamp after the load horizon solved_at: 2024-07-01 00:00:01",
        "T-sentinel": "timestamp after the load horizon solved_at: 9999-12-31",
    }
    kept = awkward.query("select ticket_id from staging.stg_support__tickets")
    assert kept == [("T-at-horizon",)]


def test_a_clock_ahead_is_corrected_not_quarantined_unless_nothing_corrects_it(
    awkward: Warehouse,
) -> None:
    from datetime import datetime

    assert reasons(awkward, "web_events") == {
        "E-future-alone": "timestamp after the load horizon event_at: 2999-01-01 00:00:00"
    }
    corrected = awkward.query(
        "select event_at from staging.stg_web__events where event_id = 'E-clock-ahead'"
    )
    assert corrected == [(datetime(2024, 5, 1),)]


def test_hostile_rows_keep_the_landing_tables_balanced(awkward: Warehouse) -> None:
    assert awkward.query(
        "select count(*), bool_and(is_balanced) from marts.agg_row_reconciliation"
    ) == [(len(LANDING_TABLES), True)]


# --- folders that cannot be loaded ----------------------------------------------------------


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory, build_warehouse: BuildWarehouse) -> Warehouse:
    """One folder with a problem in almost every table: the loader names them all at once."""
    raw_dir = tmp_path_factory.mktemp("refused") / "landing"
    raw_dir.mkdir()
    columns = LANDING_COLUMNS
    # crm_contacts: Email and email.
    (raw_dir / "crm_contacts.csv").write_text(
        ",".join(["contact_id", "Email", *columns["crm_contacts"][1:]]) + "\n"
    )
    # crm_accounts: a blank name (an exported row index).
    (raw_dir / "crm_accounts.csv").write_text(",".join(["", *columns["crm_accounts"]]) + "\n")
    # crm_deals: two required names quoted together as one.
    deal_columns = columns["crm_deals"]
    (raw_dir / "crm_deals.csv").write_text(
        f'{deal_columns[0]},"contact_id,account_id",' + ",".join(deal_columns[3:]) + "\n"
    )
    # crm_activities: a quote left open.
    (raw_dir / "crm_activities.csv").write_text('activity_id,"contact_id,activity_type\n')
    # crm_orders: CSV beside Parquet.
    (raw_dir / "crm_orders.csv").write_text(csv_text("crm_orders", []))
    pq.write_table(
        pa.table({column: pa.array([], pa.string()) for column in columns["crm_orders"]}),
        raw_dir / "crm_orders.parquet",
    )
    # web_identifies: a file beside a folder.
    (raw_dir / "web_identifies.csv").write_text(csv_text("web_identifies", []))
    (raw_dir / "web_identifies").mkdir()
    (raw_dir / "web_identifies" / "part-0.csv").write_text(csv_text("web_identifies", []))
    # survey_nps: the same name in two cases (a re-export beside the old one).
    (raw_dir / "survey_nps.csv").write_text(csv_text("survey_nps", []))
    (raw_dir / "survey_nps.CSV").write_text(csv_text("survey_nps", []))
    write_landing(raw_dir, {})
    return build_warehouse(raw_dir, args=("run", "--select", "base_crm__accounts"), check=False)


def problems(warehouse: Warehouse) -> str:
    assert warehouse.result.returncode != 0
    return warehouse.result.stdout


def test_a_refused_folder_names_every_problem_and_changes_nothing(refused: Warehouse) -> None:
    assert (
        f"The landing folder '{refused.raw_dir}' cannot be loaded; no landing table was changed"
        in problems(refused)
    )
    assert refused.query(
        "select count(*) from information_schema.tables where table_schema = 'landing'"
    ) == [(0,)]


def test_duplicate_column_names_stop_the_build_naming_table_file_and_column(
    refused: Warehouse,
) -> None:
    assert (
        f"Landing table 'crm_contacts' ({refused.raw_dir / 'crm_contacts.csv'}): column 'email'"
        " is named 2 times in the header ('Email', 'email', compared lower-cased and trimmed):"
        " keep one."
    ) in problems(refused)


def test_blank_column_name_stops_the_build_naming_table_file_and_position(
    refused: Warehouse,
) -> None:
    assert (
        f"Landing table 'crm_accounts' ({refused.raw_dir / 'crm_accounts.csv'}): header column 1"
        " has a blank name (an exported row index?): give every column a name or drop it."
    ) in problems(refused)


def test_quoted_header_with_a_comma_over_required_columns_names_them(refused: Warehouse) -> None:
    assert (
        f"Landing table 'crm_deals' ({refused.raw_dir / 'crm_deals.csv'}): required columns"
        " 'contact_id', 'account_id' missing. Columns found: deal_id, contact_id,account_id,"
        " deal_stage, amount, currency, created_at, closed_at, updated_at. The header holds a"
        " quoted name with a comma, read as one column: 'contact_id,account_id'"
    ) in problems(refused)


def test_header_ending_inside_quotes_stops_the_build(refused: Warehouse) -> None:
    assert (
        f"Landing table 'crm_activities' ({refused.raw_dir / 'crm_activities.csv'}): the header"
        " line ends inside a quoted column name ('contact_id,activity_type')"
    ) in problems(refused)


def test_csv_beside_parquet_stops_the_build_naming_both(refused: Warehouse) -> None:
    assert (
        f"Landing table 'crm_orders' is given 2 times in '{refused.raw_dir}': crm_orders.csv,"
        " crm_orders.parquet. Keep one file or one folder per table."
    ) in problems(refused)


def test_file_beside_folder_stops_the_build_naming_both(refused: Warehouse) -> None:
    assert (
        f"Landing table 'web_identifies' is given 2 times in '{refused.raw_dir}':"
        " web_identifies.csv, web_identifies/. Keep one file or one folder per table."
    ) in problems(refused)


def test_same_name_in_two_cases_stops_the_build_naming_both(refused: Warehouse) -> None:
    assert (
        f"Landing table 'survey_nps' is given 2 times in '{refused.raw_dir}': survey_nps.CSV,"
        " survey_nps.csv. Keep one file or one folder per table."
    ) in problems(refused)


@pytest.mark.parametrize("table", ["crm_orders", "web_identifies", "survey_nps"])
def test_python_twin_words_a_table_given_twice_as_the_loader_does(
    refused: Warehouse, table: str
) -> None:
    message = landing_table_problem(refused.raw_dir, table)
    assert message is not None and message in problems(refused)


def test_unrecognised_folder_stops_naming_expected_and_found_files(
    tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    raw_dir = tmp_path / "exports"
    (raw_dir / "2024").mkdir(parents=True)
    for name in ("contacts.xlsx", "crm_contacts.json", "README.txt", "a.csv", "b.csv"):
        (raw_dir / name).write_text("x\n")
    (raw_dir / "2024" / "crm_contacts.csv").write_text("x\n")
    warehouse = build_warehouse(
        raw_dir, args=("run", "--select", "base_crm__accounts"), check=False
    )
    expected = landing_folder_problem(raw_dir)
    assert expected == (
        f"Landing folder '{raw_dir}' (JOURNEY_RAW_DIR) holds no landing file: expected "
        + ", ".join(LANDING_TABLES)
        + " (each as <table>.csv, <table>.csv.gz, <table>.parquet or a folder <table>/ of such"
        " files); found instead: 2024/crm_contacts.csv, README.txt, a.csv, b.csv,"
        " contacts.xlsx and 1 more."
    )
    assert expected in problems(warehouse)


# --- all or nothing -----------------------------------------------------------------------


def test_a_load_failing_half_way_leaves_the_previous_landing_tables(
    tmp_path: Path, build_warehouse: BuildWarehouse
) -> None:
    first = write_landing(
        tmp_path / "first",
        {"crm_contacts": [{"contact_id": "C-first", "updated_at": "2024-01-01"}]},
    )
    select = ("run", "--select", "+base_crm__accounts")
    before = build_warehouse(first, args=select)
    snapshot = before.query("select contact_id, _source_file from landing.crm_contacts")
    assert snapshot == [("C-first", "crm_contacts.csv")]
    recorded = before.query("select * from landing._files order by table_name, source_file")

    second = tmp_path / "second"
    shutil.copytree(first, second)
    (second / "crm_contacts.csv").write_text(
        csv_text("crm_contacts", [{"contact_id": "C-second", "updated_at": "2024-01-02"}])
    )
    # survey_nps, loaded last, as Parquet whose schema reads but whose first page is broken.
    (second / "survey_nps.csv").unlink()
    broken = second / "survey_nps.parquet"
    pq.write_table(
        pa.table({column: ["x"] * 100 for column in LANDING_COLUMNS["survey_nps"]}), broken
    )
    data = bytearray(broken.read_bytes())
    data[4:60] = b"\xab" * 56
    broken.write_bytes(bytes(data))

    # A full refresh: the files loaded before changed, so an ordinary load stops earlier.
    full_refresh = (*select, "--vars", "{journey__full_refresh: true}")
    after = build_warehouse(second, args=full_refresh, check=False, duckdb_path=before.duckdb_path)
    assert after.result.returncode != 0
    # The table being read when it failed is named; crm_contacts had already been replaced.
    assert "load_landing: survey_nps from 1 file" in after.result.stdout
    assert "load_landing: crm_contacts from 1 file" in after.result.stdout
    assert after.query("select contact_id, _source_file from landing.crm_contacts") == snapshot
    assert after.query("select * from landing._files order by table_name, source_file") == recorded
