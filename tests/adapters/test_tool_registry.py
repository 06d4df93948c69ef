"""The tool registry: the Python side (landing checks, raw quality suites) agrees with the dbt
loader on which canonical tables a tool folder provides."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
from dbt_harness import PROJECT_DIR, run_dbt
from vendor_landing import finish_landing

from journey.contract import (
    TOOL_CHILDREN,
    TOOL_FEEDS,
    TOOL_IDENTIFIERS,
    landing_table_problem,
    tool_provides,
    tools_only,
)
from journey.settings import landing_is_empty, unusable_landing_message

MACRO = PROJECT_DIR / "macros" / "vendors" / "journey_vendor_tables.sql"


def test_tool_feeds_match_the_dbt_vendor_tables() -> None:
    entries = re.findall(
        r"'tool': '(\w+)', 'table': '(\w+)', 'feeds': '?(\w+)'?", MACRO.read_text()
    )
    assert entries
    from_macro: dict[str, set[str]] = {}
    for tool, _table, feeds in entries:
        from_macro.setdefault(tool, set())
        if feeds != "none":
            from_macro[tool].add(feeds)
    assert from_macro == {tool: set(feeds) for tool, feeds in TOOL_FEEDS.items()}


def _macro_columns() -> dict[str, set[str]]:
    """`<tool>__<table>` -> its required and optional columns, from the dbt vendor tables."""
    entries = re.findall(
        r"\{'tool': '(\w+)', 'table': '(\w+)', 'feeds': [^,]+,\s*"
        r"'required': \[([^\]]*)\],\s*'columns': \[([^\]]*)\]",
        MACRO.read_text(),
    )
    return {
        f"{tool}__{table}": set(re.findall(r"'(\w+)'", required + columns))
        for tool, table, required, columns in entries
    }


def test_the_erasure_names_only_tool_tables_and_columns_the_loader_has() -> None:
    columns = _macro_columns()
    assert len(columns) > len(TOOL_FEEDS)
    named = [(table, column) for table, pairs in TOOL_IDENTIFIERS.items() for _, column in pairs]
    for parent, children in TOOL_CHILDREN.items():
        for child, child_column, parent_column in children:
            named += [(child, child_column), (parent, parent_column)]
    missing = [(table, column) for table, column in named if column not in columns.get(table, ())]
    assert not missing


def test_a_tool_folder_excuses_only_the_tables_it_feeds(tmp_path: Path) -> None:
    (tmp_path / "zendesk").mkdir()
    assert not tool_provides(tmp_path, "support_tickets")  # an empty folder provides nothing
    (tmp_path / "zendesk" / "ticket.csv").write_text("id\n1\n")
    # With one canonical file beside it, the folder is no folder of tool exports only.
    (tmp_path / "web_events.csv").write_text("event_id\n")
    assert tool_provides(tmp_path, "support_tickets")
    assert not tool_provides(tmp_path, "crm_contacts")
    assert landing_table_problem(tmp_path, "support_tickets") is None
    problem = landing_table_problem(tmp_path, "crm_contacts")
    assert problem is not None and "Landing table 'crm_contacts' not found" in problem


def test_a_folder_of_tool_exports_only_reads_the_other_tables_as_empty(tmp_path: Path) -> None:
    (tmp_path / "zendesk").mkdir()
    (tmp_path / "zendesk" / "ticket.csv").write_text("id\n1\n")
    assert tools_only(tmp_path)
    assert landing_table_problem(tmp_path, "crm_orders") is None
    assert not landing_is_empty(tmp_path)
    assert unusable_landing_message(tmp_path) is None
    (tmp_path / "crm_orders.csv").write_text("order_id\n")
    assert not tools_only(tmp_path)
    problem = landing_table_problem(tmp_path, "survey_nps")
    assert problem is not None and "Landing table 'survey_nps' not found" in problem


def test_unreadable_tool_lines_are_rejected_under_the_table_they_feed(tmp_path: Path) -> None:
    raw_dir = finish_landing(tmp_path / "landing", ("support_tickets",))
    (raw_dir / "zendesk").mkdir()
    (raw_dir / "zendesk" / "ticket_data.csv").write_text(
        'id,subject,status\n1,hello,open\n2,"broken,open\n'
    )
    duckdb_path = tmp_path / "warehouse.duckdb"
    # load_landing reads the canonical files, then the tool folders.
    result = run_dbt(["run-operation", "load_landing"], raw_dir, duckdb_path, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        loaded = connection.execute("select id, subject from landing.zendesk__ticket").fetchall()
        rejected = connection.execute(
            "select table_name, source_file like '%/zendesk/ticket_data.csv'"
            " from landing._rejected_lines"
        ).fetchall()
    assert loaded == [("1", "hello")]
    assert rejected == [("support_tickets", True)]
