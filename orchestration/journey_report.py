"""The journey report asset: charts of the marts, rewritten by every run after the marts."""

from collections.abc import Mapping
from dataclasses import replace

import dagster as dg

from journey.report import REPORT_CHARTS, build_journey_report, journey_report_dir
from orchestration.postgres_build import marts_snapshot
from orchestration.reports import REPORTS_GROUP
from orchestration.resources import JourneyResource

JOURNEY_REPORT_KEY = dg.AssetKey([REPORTS_GROUP, "journey_report"])
# The marts the report reads; it waits for (and only for) them.
REPORT_MARTS = (
    "agg_journey_funnel",
    "fct_customer_stages",
    "fct_stage_transitions",
    "fct_attribution",
    "fct_stalled_customers",
    "agg_nps_by_stage",
    "fct_customer_timeline",
    "fct_touchpoints",
)


def build_journey_report_asset(model_keys: Mapping[str, dg.AssetKey]) -> dg.AssetsDefinition:
    missing = [name for name in REPORT_MARTS if name not in model_keys]
    if missing:
        raise ValueError(f"journey report: the dbt project has no model {', '.join(missing)}")

    @dg.asset(
        key=JOURNEY_REPORT_KEY,
        group_name=REPORTS_GROUP,
        deps=[model_keys[name] for name in REPORT_MARTS],
        description=(
            "reports/journey/index.html: funnel by cohort and channel, stage Sankey, "
            "attribution by model, time in stage, stalled customers and NPS by stage (with a "
            "PNG per chart); opens offline."
        ),
        kinds={"html", "vega"},
    )
    def journey_report(
        context: dg.AssetExecutionContext, journey: JourneyResource
    ) -> dg.MaterializeResult:
        # In the daily job, the run's build: the report shows the marts this run is about to
        # publish. Materialized on its own (no build in this run), the published warehouse.
        settings = journey.build_settings(context.run)
        if settings.target == "postgres":
            # The charts read DuckDB: a copy of the marts they need, from this run's build.
            marts = journey_report_dir(settings.reports_dir) / ".report_marts.duckdb"
            try:
                copied = marts_snapshot(settings, REPORT_MARTS, marts)
            except LookupError:  # no build in this run: the published marts
                copied = marts_snapshot(journey.to_settings(), REPORT_MARTS, marts)
            settings = replace(settings, duckdb_path=copied)
        elif not settings.duckdb_path.exists():
            settings = journey.to_settings()
        index = build_journey_report(settings.duckdb_path, settings.reports_dir)
        folder = journey_report_dir(settings.reports_dir)
        return dg.MaterializeResult(
            metadata={
                "index": dg.MetadataValue.path(str(index)),
                "url": dg.MetadataValue.url(index.as_uri()),
                "charts": dg.MetadataValue.md(
                    "\n".join(
                        f"- [{name}]({(folder / f'{name}.png').as_uri()})" for name in REPORT_CHARTS
                    )
                ),
            }
        )

    return journey_report
