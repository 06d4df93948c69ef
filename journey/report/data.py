"""What each chart shows, read from the marts of a built warehouse (one query per chart)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd


class MartsMissingError(RuntimeError):
    """The warehouse has not been built (or lacks a mart the report reads)."""


def _frame(
    connection: duckdb.DuckDBPyConnection, sql: str, params: list | None = None
) -> pd.DataFrame:
    return connection.execute(sql, params or []).df()


def open_marts(duckdb_path: Path) -> duckdb.DuckDBPyConnection:
    if not duckdb_path.exists():
        raise MartsMissingError(f"warehouse {duckdb_path} does not exist: build it first")
    return duckdb.connect(str(duckdb_path), read_only=True)


def stages(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The stages of the model the marts were built in, by rank."""
    return _frame(
        connection,
        """
        select stage, stage_rank, stage_model
        from marts.agg_journey_funnel
        group by stage, stage_rank, stage_model
        order by stage_rank
        """,
    )


def funnel(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _frame(
        connection,
        """
        select
            strftime(cohort_month, '%Y-%m') as cohort_month,
            first_touch_channel,
            stage,
            stage_rank,
            cohort_customers,
            customers_reached
        from marts.agg_journey_funnel
        order by cohort_month, first_touch_channel, stage_rank
        """,
    )


def stage_flows(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Customers entering their first stage (from `start`) and every stage-to-stage move."""
    return _frame(
        connection,
        """
        with firsts as (
            select customer_id, stage, stage_rank
            from marts.fct_customer_stages
            qualify row_number() over (partition by customer_id order by stage_rank) = 1
        )
        select 'start' as from_stage, 0 as from_stage_rank, stage as to_stage,
            stage_rank as to_stage_rank, count(*) as customers
        from firsts
        group by all
        union all
        select from_stage, from_stage_rank, to_stage, to_stage_rank, count(*) as customers
        from marts.fct_stage_transitions
        group by all
        order by from_stage_rank, to_stage_rank
        """,
    )


def stage_entries(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _frame(
        connection,
        """
        select stage, stage_rank, count(*) as customers
        from marts.fct_customer_stages
        group by all
        order by stage_rank
        """,
    )


def attribution(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _frame(
        connection,
        """
        select
            attribution_model,
            channel,
            round(sum(revenue_credit), 2) as revenue_credit_usd,
            round(sum(credit), 4) as conversions_credited
        from marts.fct_attribution
        group by all
        order by attribution_model, channel
        """,
    )


def time_in_stage(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Days customers spent in each stage before moving on (current stages excluded)."""
    return _frame(
        connection,
        """
        select
            stage,
            stage_rank,
            count(*) as customers_moved_on,
            round(quantile_cont(days_in_stage, 0.25), 2) as p25_days,
            round(median(days_in_stage), 2) as median_days,
            round(quantile_cont(days_in_stage, 0.75), 2) as p75_days,
            round(quantile_cont(days_in_stage, 0.9), 2) as p90_days
        from marts.fct_customer_stages
        where not is_current
        group by all
        order by stage_rank
        """,
    )


def stalled(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _frame(
        connection,
        """
        select
            stage,
            stage_rank,
            count(*) as stalled_customers,
            cast(sum(open_tickets) as bigint) as open_tickets,
            round(median(days_stalled), 1) as median_days_stalled,
            round(min(stall_threshold_days), 1) as stall_threshold_days
        from marts.fct_stalled_customers
        group by all
        order by stage_rank
        """,
    )


def nps_by_stage(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per stage and NPS group (long form for a stacked bar), with the stage's NPS."""
    return _frame(
        connection,
        """
        unpivot (
            select stage, stage_rank, round(nps, 1) as nps, promoters, passives, detractors
            from marts.agg_nps_by_stage
        )
        on promoters, passives, detractors
        into name nps_group value responses
        order by stage_rank, nps_group
        """,
    )


def customer_journey(connection: duckdb.DuckDBPyConnection, customer_id: str) -> pd.DataFrame:
    return _frame(
        connection,
        """
        select
            timeline.touch_sequence,
            strftime(timeline.occurred_at, '%Y-%m-%dT%H:%M:%S') as occurred_at,
            timeline.touchpoint_type,
            coalesce(timeline.channel, 'unknown') as channel,
            coalesce(touchpoints.intent, 'none') as intent,
            coalesce(timeline.stage, 'no stage') as stage,
            timeline.stage_rank,
            timeline.customer_stage,
            timeline.revenue_usd
        from marts.fct_customer_timeline as timeline
        left join marts.fct_touchpoints as touchpoints
            on timeline.touchpoint_id = touchpoints.touchpoint_id
        where timeline.customer_id = ?
        order by timeline.touch_sequence
        """,
        [customer_id],
    )
