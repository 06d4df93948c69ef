"""The Data Docs report, rendered by a real headless Chromium without network access: after a
failing validation the index and the result page it links name what failed."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from headless_chromium import browse, chromium_or_skip

from expectations.context import read_table
from expectations.runner import data_docs_index, run_suites
from journey.settings import PROJECT_DIR, Settings

SCREENSHOT = PROJECT_DIR / "artifacts" / "quality_report.png"
FAILING = "expect_column_values_to_match_regex"


@pytest.fixture(scope="module")
def chromium() -> Path:
    return chromium_or_skip()


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_report_shows_the_failing_expectation(
    chromium: Path, good_landing: Path, good_warehouse: Path, tmp_path: Path
) -> None:
    # Half the contacts' created_at arrive day-first: the warehouse parses none of them, and
    # the contract suite of crm_contacts fails.
    contacts = read_table(good_warehouse, "raw", "crm_contacts")
    contacts.loc[contacts.index[::2], "created_at"] = "31/12/2024 10:00"
    with duckdb.connect(str(good_warehouse)) as connection:
        connection.register("frame", contacts)
        connection.execute("create or replace table landing.crm_contacts as select * from frame")
    settings = Settings(good_landing, good_warehouse, tmp_path / "reports")

    outcomes = {o.suite: o for o in run_suites(settings, layer="raw", run_name="nightly")}
    assert not outcomes["raw_crm_contacts"].success
    assert FAILING in {f.expectation for f in outcomes["raw_crm_contacts"].failed}

    index = data_docs_index(settings)
    dom = browse(chromium, tmp_path / "profile", index, "--dump-dom")
    assert "raw_crm_contacts" in dom
    assert f"{FAILING} on created_at__as_timestamp failed" in dom
    assert "blocking: raw_crm_contacts" in dom

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    browse(chromium, tmp_path / "profile", index, f"--screenshot={SCREENSHOT}")
    assert _png_size(SCREENSHOT) == (1400, 1800)
    assert SCREENSHOT.stat().st_size > 50_000  # a rendered table, not a blank page

    # The result page the index links for the failing suite.
    link = re.search(r'<a href="([^"]+)">raw_crm_contacts</a>', dom)
    assert link, "the index links the failing suite's result"
    page = (index.parent / link.group(1)).resolve()
    assert page == outcomes["raw_crm_contacts"].docs_page
    result_dom = browse(chromium, tmp_path / "profile", page, "--dump-dom")
    assert "raw_crm_contacts" in result_dom
    assert "created_at__as_timestamp" in result_dom
    assert "regular expression" in result_dom
    assert "unexpected" in result_dom
    browse(
        chromium,
        tmp_path / "profile",
        page,
        f"--screenshot={SCREENSHOT.with_name('quality_report_result.png')}",
    )
