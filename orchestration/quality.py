"""Great Expectations suites as Dagster asset checks.

Raw suites check the landing assets before dbt builds; they read the landing tables as the
run's landing step loaded them into its build (`landing.<table>`), so the checked rows are the
loaded rows. An "error" suite is a blocking check, so a
broken export stops the run before any model is built. Mart suites check the mart tables after
dbt. Each layer validates in one step: the runner renders Data Docs once per call, and keeps
every result in the report's history.
"""

from collections.abc import Iterator, Mapping, Sequence

import dagster as dg

from expectations.bridge import to_asset_check_result
from expectations.checks import SuiteSpec
from expectations.runner import SUITES, run_suites
from orchestration.resources import JourneyResource
from orchestration.translator import landing_asset_key

Target = tuple[SuiteSpec, dg.AssetKey]


def raw_targets(suites: Sequence[SuiteSpec], landing_tables: Sequence[str]) -> list[Target]:
    return [
        (spec, landing_asset_key(spec.table))
        for spec in suites
        if spec.layer == "raw" and spec.table in landing_tables
    ]


def mart_targets(
    suites: Sequence[SuiteSpec], model_keys: Mapping[str, dg.AssetKey]
) -> list[Target]:
    """Suites whose mart exists in the dbt project; the others wait until their model does."""
    return [
        (spec, model_keys[spec.table])
        for spec in suites
        if spec.layer == "mart" and spec.table in model_keys
    ]


def check_spec(spec: SuiteSpec, asset_key: dg.AssetKey) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=spec.name,
        asset=asset_key,
        # Only an "error" suite gates what is downstream; a "warn" failure is reported and
        # the run goes on.
        blocking=spec.severity == "error",
        description=getattr(spec, "description", "") or f"Great Expectations suite {spec.name}.",
        metadata={"severity": spec.severity, "layer": spec.layer, "table": spec.table},
    )


def _missing_result(asset_key: dg.AssetKey, spec: SuiteSpec) -> dg.AssetCheckResult:
    # A suite that produced no outcome evaluated nothing, and must not look like a pass.
    return dg.AssetCheckResult(
        asset_key=asset_key,
        check_name=spec.name,
        passed=False,
        severity=dg.AssetCheckSeverity.ERROR
        if spec.severity == "error"
        else dg.AssetCheckSeverity.WARN,
        description=f"{spec.table}: suite {spec.name} returned no result.",
    )


def build_suite_checks(
    name: str, layer: str, targets: Sequence[Target]
) -> dg.AssetChecksDefinition | None:
    if not targets:
        return None
    by_name = {spec.name: (spec, asset_key) for spec, asset_key in targets}

    @dg.multi_asset_check(
        name=name,
        specs=[check_spec(spec, asset_key) for spec, asset_key in targets],
        can_subset=True,
        compute_kind="great_expectations",
        description=f"Great Expectations {layer} suites; Data Docs rebuilt after validation.",
    )
    def _suite_checks(
        context: dg.AssetCheckExecutionContext, journey: JourneyResource
    ) -> Iterator[dg.AssetCheckResult]:
        selected = sorted(key.name for key in context.selected_asset_check_keys)
        # The landing step loaded this run's landing folder into the build before these run.
        # The Dagster run id labels these results in the Data Docs history.
        # The run's build: the mart suites read the tables this run built, not the published
        # ones.
        outcomes = run_suites(
            journey.build_settings(context.run),
            layer=layer,
            names=selected,
            run_name=context.run.run_id,
        )
        reported: set[str] = set()
        for outcome in outcomes:
            spec, asset_key = by_name[outcome.suite]
            yield to_asset_check_result(outcome, check_name=spec.name, asset_key=asset_key)
            reported.add(outcome.suite)
        for suite_name in selected:
            if suite_name not in reported:
                yield _missing_result(by_name[suite_name][1], by_name[suite_name][0])

    return _suite_checks


def build_quality_checks(
    landing_tables: Sequence[str],
    model_keys: Mapping[str, dg.AssetKey],
    suites: Sequence[SuiteSpec] = SUITES,
) -> list[dg.AssetChecksDefinition]:
    built = (
        build_suite_checks("raw_quality_suites", "raw", raw_targets(suites, landing_tables)),
        build_suite_checks("mart_quality_suites", "mart", mart_targets(suites, model_keys)),
    )
    return [checks for checks in built if checks is not None]
