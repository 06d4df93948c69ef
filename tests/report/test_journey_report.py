"""The journey report and `journey show` on a built warehouse (generated data): the Dagster
asset writes the page and a PNG per chart; a real headless Chromium with no network draws
every chart, and the numbers in the drawn marks are those of the marts."""

from __future__ import annotations

import re
from collections import defaultdict
from html import unescape
from pathlib import Path

import dagster as dg
import pytest
from dbt_harness import BuildWarehouse, Warehouse, write_landing
from headless_chromium import browse, chromium_or_skip

from journey.report import REPORT_CHARTS, build_journey_report, write_customer_journey
from journey.settings import PROJECT_DIR
from orchestration.cli import main as journey_main
from orchestration.journey_report import (
    JOURNEY_REPORT_KEY,
    REPORT_MARTS,
    build_journey_report_asset,
)
from orchestration.resources import JourneyResource

ARTIFACTS = PROJECT_DIR / "artifacts"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report(warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report as the daily job writes it: the Dagster asset, materialized on its own."""
    reports_dir = tmp_path_factory.mktemp("reports")
    keys = {name: dg.AssetKey(["marts", name]) for name in REPORT_MARTS}
    resource = JourneyResource(
        raw_dir=str(warehouse.raw_dir),
        duckdb_path=str(warehouse.duckdb_path),
        reports_dir=str(reports_dir),
    )
    result = dg.materialize([build_journey_report_asset(keys)], resources={"journey": resource})
    assert result.success
    (event,) = result.get_asset_materialization_events()
    assert event.asset_key == JOURNEY_REPORT_KEY
    index = reports_dir / "journey" / "index.html"
    assert event.materialization.metadata["url"].value == index.as_uri()
    return index


@pytest.fixture(scope="module")
def chromium() -> Path:
    return chromium_or_skip()


def _browse(chromium: Path, profile: Path, page: Path, *args: str) -> str:
    # A tall window; the charts' promises settle before the DOM is dumped or the shot taken.
    return browse(
        chromium,
        profile,
        page,
        "--virtual-time-budget=15000",
        *args,
        window_size="1400,3600",
        timeout=180,
    )


def _chart_dom(dom: str, name: str) -> str:
    start = dom.index(f'id="chart-{name}"')
    end = dom.find('<section id="', start)
    return dom[start : end if end > 0 else len(dom)]


def _marks(chart_dom: str) -> list[dict[str, str]]:
    """The data of every drawn mark, from the ARIA labels Vega writes for each one."""
    marks = []
    for label in re.findall(r'<path aria-label="([^"]*)" role="graphics-symbol"', chart_dom):
        fields = {}
        for part in unescape(label).split("; "):
            key, _, value = part.partition(": ")
            fields[key] = value
        marks.append(fields)
    return marks


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def test_asset_writes_the_page_and_a_png_per_chart(report: Path) -> None:
    for name in REPORT_CHARTS:
        png = report.parent / f"{name}.png"
        assert png.read_bytes()[:8] == PNG_MAGIC, name
        assert png.stat().st_size > 10_000, name
    page = report.read_text(encoding="utf-8")
    # Nothing is fetched: no script or stylesheet comes from elsewhere.
    assert not re.search(r"<script[^>]+src=", page)
    assert "cdn." not in page.split("<body>")[1]


def test_report_renders_offline_with_the_numbers_of_the_marts(
    report: Path, warehouse: Warehouse, chromium: Path, tmp_path: Path
) -> None:
    dom = _browse(chromium, tmp_path / "profile", report, "--dump-dom")
    for name in REPORT_CHARTS:
        chart = _chart_dom(dom, name)
        assert 'data-rendered="true"' in chart, name
        assert "<svg" in chart, name

    # Funnel (all cohorts): customers reached per stage and channel.
    funnel = defaultdict(float)
    for mark in _marks(_chart_dom(dom, "funnel")):
        funnel[(mark["stage"], mark["first-touch channel"])] += _number(mark["customers reached"])
    expected = warehouse.query(
        "select stage, first_touch_channel, sum(customers_reached) from marts.agg_journey_funnel "
        "group by all"
    )
    assert funnel == {(stage, channel): float(n) for stage, channel, n in expected}

    # Attribution: revenue by model and channel.
    drawn = {
        (mark["model"], mark["channel"]): _number(mark["attributed revenue (USD)"])
        for mark in _marks(_chart_dom(dom, "attribution"))
    }
    expected = warehouse.query(
        "select attribution_model, channel, round(sum(revenue_credit), 2) "
        "from marts.fct_attribution group by all"
    )
    assert drawn == {(model, channel): pytest.approx(value) for model, channel, value in expected}

    # Stalled customers by stage.
    drawn = {
        mark["stage"]: _number(mark["stalled customers"])
        for mark in _marks(_chart_dom(dom, "stalled"))
    }
    expected = warehouse.query(
        "select stage, count(*) from marts.fct_stalled_customers group by stage"
    )
    assert drawn == {stage: float(n) for stage, n in expected}
    assert sum(drawn.values()) > 0

    # NPS: promoters, passives and detractors by stage.
    drawn = {
        (mark["stage"], mark["group"]): _number(mark["responses"])
        for mark in _marks(_chart_dom(dom, "nps_by_stage"))
    }
    rows = warehouse.records("select * from marts.agg_nps_by_stage")
    expected = {
        (row["stage"], group): float(row[group])
        for row in rows
        for group in ("promoters", "passives", "detractors")
    }
    assert drawn == expected

    # Time in stage: median days per stage of those who moved on.
    drawn = {
        mark["stage"]: _number(mark["days in stage (median, 25th–75th percentile)"])
        for mark in _marks(_chart_dom(dom, "time_in_stage"))
        if "days in stage (median, 25th–75th percentile)" in mark
    }
    expected = warehouse.query(
        "select stage, round(median(days_in_stage), 2) from marts.fct_customer_stages "
        "where not is_current group by stage"
    )
    assert drawn == {stage: pytest.approx(days) for stage, days in expected}

    # Sankey: each stage box is labelled with the customers who entered it.
    sankey = _chart_dom(dom, "sankey")
    for stage, customers in warehouse.query(
        "select stage, count(*) from marts.fct_customer_stages group by stage"
    ):
        assert f">{stage} {customers}</text>" in sankey, stage
    bands = {
        (mark["from stage"], mark["to_stage"]): int(_number(mark["customers"]))
        for mark in _marks(sankey)
        if "from stage" in mark
    }
    transitions = warehouse.query(
        "select from_stage, to_stage, count(*) from marts.fct_stage_transitions group by all"
    )
    for from_stage, to_stage, customers in transitions:
        assert bands[(from_stage, to_stage)] == customers

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "journey_report.png"
    shot.unlink(missing_ok=True)
    _browse(chromium, tmp_path / "profile", report, f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == PNG_MAGIC
    assert shot.stat().st_size > 100_000  # charts, not a blank page


def test_journey_show_draws_one_customer(
    warehouse: Warehouse, chromium: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (customer_id,) = warehouse.query(
        "select customer_id from marts.dim_customers where current_stage = 'retention' "
        "order by customer_id limit 1"
    )[0]
    out = tmp_path / "journey.html"
    code = journey_main(
        ["show", customer_id, "--duckdb-path", str(warehouse.duckdb_path), "--out", str(out)]
    )
    assert code == 0
    assert str(out) in capsys.readouterr().out

    dom = _browse(chromium, tmp_path / "profile", out, "--dump-dom")
    chart = _chart_dom(dom, "journey")
    assert 'data-rendered="true"' in chart
    points = [mark for mark in _marks(chart) if "intent" in mark]
    touchpoints = warehouse.records(
        "select coalesce(stage, 'no stage') as stage, channel, intent from marts.fct_touchpoints "
        "where customer_id = ?",
        [customer_id],
    )
    assert sorted((p["stage"], p["channel"], p["intent"]) for p in points) == sorted(
        (t["stage"], t["channel"] or "unknown", t["intent"] or "none") for t in touchpoints
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _browse(chromium, tmp_path / "profile", out, f"--screenshot={ARTIFACTS / 'journey_show.png'}")


def test_journey_show_names_an_unknown_customer(
    warehouse: Warehouse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = journey_main(
        [
            "show",
            "nobody",
            "--duckdb-path",
            str(warehouse.duckdb_path),
            "--out",
            str(tmp_path / "x"),
        ]
    )
    assert code == 1
    assert "customer 'nobody' has no touchpoints in marts.fct_customer_timeline" in (
        capsys.readouterr().err
    )
    with pytest.raises(LookupError):
        write_customer_journey(warehouse.duckdb_path, "nobody", tmp_path / "y.html")


def test_report_of_an_empty_landing_folder_draws_empty_charts(
    build_warehouse: BuildWarehouse, chromium: Path, tmp_path: Path
) -> None:
    # SPEC §8: every landing table may be empty; the run still writes a report that opens.
    empty = build_warehouse(write_landing(tmp_path / "landing", {}))
    index = build_journey_report(empty.duckdb_path, tmp_path / "reports")
    for name in REPORT_CHARTS:
        assert (index.parent / f"{name}.png").read_bytes()[:8] == PNG_MAGIC
    dom = _browse(chromium, tmp_path / "profile", index, "--dump-dom")
    for name in REPORT_CHARTS:
        chart = _chart_dom(dom, name)
        assert 'data-rendered="true"' in chart, name
        # Nothing drawn, or only zero bars (NPS lists every stage of the model).
        measures = [
            _number(value)
            for mark in _marks(chart)
            for key, value in mark.items()
            if key in ("customers reached", "responses", "stalled customers", "customers")
        ]
        assert set(measures) <= {0.0}, name
