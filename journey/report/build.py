"""Writes the journey report (`reports/journey/index.html` and a PNG per chart) and one
customer's journey map, from the marts of a built warehouse."""

from __future__ import annotations

from pathlib import Path

from journey.report import charts, data
from journey.report.page import Figure, render_page, write_png

REPORT_CHARTS = ("funnel", "sankey", "attribution", "time_in_stage", "stalled", "nps_by_stage")


def journey_report_dir(reports_dir: Path) -> Path:
    return reports_dir / "journey"


def report_figures(duckdb_path: Path) -> tuple[str, list[Figure]]:
    with data.open_marts(duckdb_path) as connection:
        stages = data.stages(connection)
        stage_model = stages["stage_model"].iloc[0] if len(stages) else "none"
        figures = [
            Figure(
                "funnel",
                "Funnel by cohort and channel",
                "Customers of each first-touch month cohort who reached each stage (highest "
                "stage reached ≥ the stage), stacked by first-touch channel. Pick a cohort "
                "above the chart. Source: agg_journey_funnel.",
                charts.funnel_chart(data.funnel(connection), stages),
            ),
            Figure(
                "sankey",
                "How customers move between stages",
                "Each band is the customers who moved from one stage to the next stage they "
                "entered (skipped stages are jumped over); `start` feeds each customer's first "
                "stage. A stage box is as tall as the customers who entered it; what does not "
                "leave it stays there. Source: fct_customer_stages, fct_stage_transitions.",
                charts.sankey_chart(data.stage_flows(connection), data.stage_entries(connection)),
            ),
            Figure(
                "attribution",
                "Attribution by channel under each model",
                "Revenue credited to each channel by first touch, last touch, linear, "
                "position-based and time-decay attribution. Source: fct_attribution.",
                charts.attribution_chart(data.attribution(connection)),
            ),
            Figure(
                "time_in_stage",
                "Time in stage",
                "Median days customers spent in a stage before entering the next one (bar) "
                "and the 25th–75th percentile (line); current stages excluded. Source: "
                "fct_customer_stages.",
                charts.time_in_stage_chart(data.time_in_stage(connection), stages),
            ),
            Figure(
                "stalled",
                "Stalled customers by stage",
                "Customers in their current stage longer than the stall threshold (by default "
                "the 90th percentile of the days others took to move on) — the pain points. "
                "Source: fct_stalled_customers.",
                charts.stalled_chart(data.stalled(connection), stages),
            ),
            Figure(
                "nps_by_stage",
                "NPS by stage",
                "Promoters, passives and detractors by the stage the customer was in when "
                "responding. Source: agg_nps_by_stage.",
                charts.nps_chart(data.nps_by_stage(connection), stages),
            ),
        ]
    return stage_model, figures


def build_journey_report(duckdb_path: Path, reports_dir: Path) -> Path:
    """Writes index.html and one PNG per chart; returns the index."""
    stage_model, figures = report_figures(duckdb_path)
    out = journey_report_dir(reports_dir)
    out.mkdir(parents=True, exist_ok=True)
    for figure in figures:
        write_png(figure, out / f"{figure.name}.png")
    index = out / "index.html"
    index.write_text(
        render_page(
            "Customer journey report",
            f"Warehouse {duckdb_path.name}, stage model {stage_model}. Every chart is also "
            "saved as a PNG beside this page.",
            figures,
        ),
        encoding="utf-8",
    )
    return index


def write_customer_journey(duckdb_path: Path, customer_id: str, out_path: Path) -> Path:
    """One customer's journey map as an HTML page; a clear error for an unknown customer."""
    with data.open_marts(duckdb_path) as connection:
        journey = data.customer_journey(connection, customer_id)
        stages = data.stages(connection)["stage"].tolist()
    if journey.empty:
        raise LookupError(
            f"customer {customer_id!r} has no touchpoints in marts.fct_customer_timeline "
            f"of {duckdb_path}"
        )
    figure = Figure(
        "journey",
        f"Customer {customer_id}",
        f"{len(journey)} touchpoints from {journey['occurred_at'].iloc[0]} to "
        f"{journey['occurred_at'].iloc[-1]}: time across, channel down, colour the stage of "
        "the touchpoint, shape its intent.",
        charts.customer_journey_chart(journey, stages, customer_id),
    )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(
        render_page(f"Journey of {customer_id}", "Source: fct_customer_timeline.", [figure], False),
        encoding="utf-8",
    )
    return out_path
