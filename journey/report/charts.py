"""The report's charts as altair (Vega-Lite) specs, built from the frames of `data`."""

from __future__ import annotations

import altair as alt
import pandas as pd

WIDTH = 640
HEIGHT = 320
SANKEY_STEPS = 24
SANKEY_NODE_WIDTH = 0.08
SANKEY_GAP = 0.04  # share of the tallest column left between stacked bands


def _stage_sort(stages: pd.DataFrame) -> list[str]:
    return stages.sort_values("stage_rank")["stage"].tolist()


def funnel_chart(funnel: pd.DataFrame, stages: pd.DataFrame) -> alt.Chart:
    """Customers who reached each stage, stacked by first-touch channel; a cohort menu."""
    cohorts = sorted(funnel["cohort_month"].unique().tolist())
    cohort = alt.param(
        name="cohort",
        value=None,
        bind=alt.binding_select(
            options=[None, *cohorts], labels=["all cohorts", *cohorts], name="Cohort "
        ),
    )
    return (
        alt.Chart(funnel, title="Funnel: customers who reached each stage")
        .mark_bar()
        .encode(
            x=alt.X("stage:N", sort=_stage_sort(stages), title="stage"),
            y=alt.Y("sum(customers_reached):Q", title="customers reached"),
            color=alt.Color("first_touch_channel:N", title="first-touch channel"),
            tooltip=["stage:N", "first_touch_channel:N", "sum(customers_reached):Q"],
        )
        .add_params(cohort)
        .transform_filter("cohort == null || datum.cohort_month == cohort")
        .properties(width=WIDTH, height=HEIGHT)
    )


def sankey_layout(flows: pd.DataFrame, entries: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (one column per stage rank, `start` at 0) and the band outline of every flow.

    A node is as tall as the customers who entered it (for `start`: all who entered any
    stage); a flow leaves its source from the top down in target order and arrives at its
    target from the top down in source order, so the bands never cross inside a node.
    """
    started = int(flows.loc[flows["from_stage"] == "start", "customers"].sum())
    node_size = {"start": started} if started else {}
    node_size.update(dict(zip(entries["stage"], entries["customers"].astype(int), strict=True)))
    node_rank = {"start": 0, **dict(zip(entries["stage"], entries["stage_rank"], strict=True))}
    tallest = max(node_size.values(), default=1)
    top = {stage: (tallest - size) / 2 for stage, size in node_size.items()}
    nodes = pd.DataFrame(
        [
            {
                "stage": stage,
                "stage_rank": node_rank[stage],
                "customers": size,
                "x": node_rank[stage],
                "x2": node_rank[stage] + SANKEY_NODE_WIDTH,
                "y": top[stage],
                "y2": top[stage] + size,
            }
            for stage, size in node_size.items()
        ],
        columns=["stage", "stage_rank", "customers", "x", "x2", "y", "y2"],
    ).sort_values("stage_rank")

    out_offset = dict.fromkeys(node_size, 0.0)
    in_offset = dict.fromkeys(node_size, 0.0)
    bands = []
    ordered = flows.sort_values(["from_stage_rank", "to_stage_rank"])
    for flow in ordered.itertuples(index=False):
        value = float(flow.customers)
        source_top = top[flow.from_stage] + out_offset[flow.from_stage]
        out_offset[flow.from_stage] += value
        target_top = top[flow.to_stage] + in_offset[flow.to_stage]
        in_offset[flow.to_stage] += value
        x0 = node_rank[flow.from_stage] + SANKEY_NODE_WIDTH
        x1 = node_rank[flow.to_stage]
        for step in range(SANKEY_STEPS + 1):
            t = step / SANKEY_STEPS
            ease = t * t * (3 - 2 * t)
            y = source_top + (target_top - source_top) * ease
            bands.append(
                {
                    "flow": f"{flow.from_stage} → {flow.to_stage}",
                    "from_stage": flow.from_stage,
                    "to_stage": flow.to_stage,
                    "customers": int(flow.customers),
                    "x": x0 + (x1 - x0) * t,
                    "y": y,
                    "y2": y + value,
                }
            )
    columns = ["flow", "from_stage", "to_stage", "customers", "x", "y", "y2"]
    return nodes, pd.DataFrame(bands, columns=columns)


def sankey_chart(flows: pd.DataFrame, entries: pd.DataFrame) -> alt.LayerChart:
    """Stage Sankey: bands from each stage to the next one entered, as wide as the customers."""
    nodes, bands = sankey_layout(flows, entries)
    x = alt.X("x:Q", axis=None)
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(reverse=True))
    links = (
        alt.Chart(bands)
        .mark_area(opacity=0.45, interpolate="linear")
        .encode(
            x=x,
            y=y,
            y2="y2:Q",
            detail="flow:N",
            color=alt.Color("from_stage:N", title="from stage"),
            tooltip=["from_stage:N", "to_stage:N", "customers:Q"],
        )
    )
    boxes = (
        alt.Chart(nodes)
        .mark_rect(color="#444")
        .encode(
            x=x,
            x2="x2:Q",
            y=y,
            y2="y2:Q",
            tooltip=["stage:N", "customers:Q"],
        )
    )
    labels = (
        alt.Chart(nodes)
        .transform_calculate(label="datum.stage + ' ' + datum.customers")
        .mark_text(align="left", dx=4, dy=-6, fontSize=11)
        .encode(x="x:Q", y=y, text="label:N")
    )
    return alt.layer(links, boxes, labels, title="Stage transitions (Sankey)").properties(
        width=WIDTH, height=HEIGHT
    )


def attribution_chart(attribution: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(attribution, title="Attributed revenue by channel under each model")
        .mark_bar()
        .encode(
            x=alt.X("channel:N", title="channel"),
            xOffset="attribution_model:N",
            y=alt.Y("revenue_credit_usd:Q", title="attributed revenue (USD)"),
            color=alt.Color("attribution_model:N", title="model"),
            tooltip=["attribution_model:N", "channel:N", "revenue_credit_usd:Q"],
        )
        .properties(width=WIDTH, height=HEIGHT)
    )


def time_in_stage_chart(time_in_stage: pd.DataFrame, stages: pd.DataFrame) -> alt.LayerChart:
    x = alt.X("stage:N", sort=_stage_sort(stages), title="stage")
    bars = (
        alt.Chart(time_in_stage)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("median_days:Q", title="days in stage (median, 25th–75th percentile)"),
            tooltip=[
                "stage:N",
                "customers_moved_on:Q",
                "median_days:Q",
                "p25_days:Q",
                "p75_days:Q",
                "p90_days:Q",
            ],
        )
    )
    spread = (
        alt.Chart(time_in_stage)
        .mark_rule(color="#333")
        .encode(x=x, y="p25_days:Q", y2="p75_days:Q")
    )
    return alt.layer(bars, spread, title="Time in stage before moving on").properties(
        width=WIDTH, height=HEIGHT
    )


def stalled_chart(stalled: pd.DataFrame, stages: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(stalled, title="Stalled customers by stage")
        .mark_bar(color="#c0392b")
        .encode(
            x=alt.X("stage:N", sort=_stage_sort(stages), title="stage"),
            y=alt.Y("stalled_customers:Q", title="stalled customers"),
            tooltip=[
                "stage:N",
                "stalled_customers:Q",
                "open_tickets:Q",
                "median_days_stalled:Q",
                "stall_threshold_days:Q",
            ],
        )
        .properties(width=WIDTH, height=HEIGHT)
    )


def nps_chart(nps: pd.DataFrame, stages: pd.DataFrame) -> alt.Chart:
    groups = ["detractors", "passives", "promoters"]
    return (
        alt.Chart(nps, title="NPS by stage at response time")
        .mark_bar()
        .encode(
            x=alt.X("stage:N", sort=_stage_sort(stages), title="stage"),
            y=alt.Y("responses:Q", title="responses"),
            color=alt.Color(
                "nps_group:N",
                sort=groups,
                scale=alt.Scale(domain=groups, range=["#c0392b", "#bbbbbb", "#27ae60"]),
                title="group",
            ),
            tooltip=["stage:N", "nps_group:N", "responses:Q", "nps:Q"],
        )
        .properties(width=WIDTH, height=HEIGHT)
    )


def customer_journey_chart(journey: pd.DataFrame, stages: list[str], customer_id: str) -> alt.Chart:
    """One customer's touchpoints on a time axis: y the channel, colour the stage, shape the
    intent, with the touchpoint type written beside each point."""
    base = alt.Chart(journey, title=f"Journey of customer {customer_id}")
    color = alt.Color("stage:N", scale=alt.Scale(domain=[*stages, "no stage"]), title="stage")
    points = base.mark_point(size=160, filled=True).encode(
        x=alt.X("occurred_at:T", title="time"),
        y=alt.Y("channel:N", title="channel"),
        color=color,
        shape=alt.Shape("intent:N", title="intent"),
        tooltip=[
            "touch_sequence:Q",
            "occurred_at:T",
            "touchpoint_type:N",
            "channel:N",
            "intent:N",
            "stage:N",
            "customer_stage:N",
            "revenue_usd:Q",
        ],
    )
    labels = base.mark_text(align="left", dx=9, dy=-9, fontSize=10).encode(
        x="occurred_at:T", y="channel:N", text="touchpoint_type:N"
    )
    return alt.layer(points, labels).properties(width=WIDTH + 200, height=HEIGHT)
