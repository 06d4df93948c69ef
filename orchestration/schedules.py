"""When the daily job runs."""

from __future__ import annotations

import dagster as dg

from orchestration.jobs import JOURNEY_DAILY

DAILY_CRON = "0 5 * * *"


def build_daily_schedule(job_name: str = JOURNEY_DAILY) -> dg.ScheduleDefinition:
    return dg.ScheduleDefinition(
        name="journey_daily_schedule",
        job_name=job_name,
        # 05:00 UTC: after the nightly exports land, before analysts start in Europe.
        cron_schedule=DAILY_CRON,
        execution_timezone="UTC",
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description="Builds the warehouse from the landing folder every day at 05:00 UTC.",
    )
