"""The mart suites: distributions and profiles, and the few invariants no dbt test owns.

One owner per rule. dbt tests own the structural invariants of the marts: keys unique and not
null, relationships, accepted values, credits summing to 1, revenue credit, one current stage,
the balanced reconciliation; they fail `dbt build`, so these suites do not repeat them. Great
Expectations owns what a steward reads as a distribution: the size of identity components, the
share of stitched customers, the unattributed share, shared identifiers, the quarantined share,
null-rate ceilings; and the row-level orderings that no dbt test covers.

Blocking (`error`) suites, and why:
- `mart_dim_customers`: the largest identity component. An over-merged identity graph (one
  "customer" swallowing thousands of identifiers through a shared inbox the blocklist missed)
  silently corrupts every customer-level number and passes every dbt test, because it is a
  valid graph; only its size gives it away, so it stops the run.
- `mart_dim_customer_identifiers`: only valid emails become identifiers (SPEC §8); an invalid
  one would link people through junk.
- `mart_fct_touchpoints`, `mart_fct_customer_stages`: a stage carries its rank (SPEC §4); stages
  are exited after they are entered.
- `mart_fct_web_sessions`, `mart_fct_customer_timeline`, `mart_agg_journey_funnel`: orderings
  and bounds of the derived numbers (a session ends after it starts and has no more page views
  than events; a touch is not before the previous one; no step converts more than it had).
Everything else warns.

Every suite runs on an empty mart (a team with only CRM data has no sessions and may have no
conversions): derived columns exist on an empty table, and checks over no rows report "nothing
to check". Derived columns are SQL over the mart (`derive`, window functions for per-group
checks); the `prepare` functions are the same in pandas, the reference the SQL is tested
against.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.expectations.row_conditions import Column

from expectations import checks
from expectations import thresholds as limits
from expectations.checks import SuiteSpec, nothing_derived, quoted, sql_literal, unchanged
from expectations.raw import EMAIL_REGEX

UNATTRIBUTED = "unattributed"


def _spec(
    table: str,
    severity: checks.Severity,
    expectations: Callable[[], Iterable[gxe.Expectation]],
    prepare: Callable[[pd.DataFrame], pd.DataFrame] = unchanged,
    derive: Callable[[Collection[str]], tuple[str, ...]] = nothing_derived,
    description: str = "",
) -> SuiteSpec:
    name = f"mart_{table}" if severity == "error" else f"mart_{table}_profile"
    return SuiteSpec(
        name=name,
        layer="mart",
        table=table,
        severity=severity,
        build_suite=lambda: checks.suite(name, severity, expectations()),
        prepare=prepare,
        derive=derive,
        description=description,
    )


def _number(column: str) -> str:
    return f"try_cast({quoted(column)} as double)"


_NO_NUMBER = "cast(null as double)"


def _with_stage_rank_check(frame: pd.DataFrame, stage: str, rank: str) -> pd.DataFrame:
    """`check__<stage>_matches_rank`: the rank is the stage's rank in the row's stage model
    (`journey_stages` seed; SPEC §4 for the default), null with null; null where the stage is
    unknown (the relationships dbt test reports that)."""
    derived = frame.copy()
    ranks_by_stage = checks.stage_ranks()
    if stage in frame:
        models = (
            frame["stage_model"]
            if "stage_model" in frame
            else pd.Series(checks.default_stage_model(), index=frame.index)
        )
        expected = pd.Series(
            [
                ranks_by_stage.get((model, name))
                for model, name in zip(models, frame[stage], strict=True)
            ],
            index=frame.index,
            dtype="Float64",
        )
    else:
        expected = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    ranks = pd.to_numeric(frame[rank], errors="coerce") if rank in frame else expected
    matches = (expected == ranks).fillna(False) | (expected.isna() & ranks.isna())
    derived[f"check__{stage}_matches_rank"] = matches.astype(bool)
    return derived


def _sql_stage_rank_check(present: Collection[str], stage: str, rank: str) -> tuple[str, ...]:
    """_with_stage_rank_check in SQL (a missing column fails the expectation by name)."""
    if stage not in present or rank not in present:
        return ()
    # The rank of the row's stage in its stage model (the project's default when the table does
    # not say which model it was built with).
    model = (
        quoted("stage_model")
        if "stage_model" in present
        else sql_literal(checks.default_stage_model())
    )
    ranks = " ".join(
        f"when {model} = {sql_literal(model_name)} and {quoted(stage)} = {sql_literal(name)}"
        f" then {number}"
        for (model_name, name), number in checks.stage_ranks().items()
    )
    expected = f"(case {ranks} end)"
    return (
        f"(coalesce({expected} = {_number(rank)}, false)"
        f" or ({expected} is null and {_number(rank)} is null))"
        f" as {quoted(f'check__{stage}_matches_rank')}",
    )


def _stage_matches_rank(stage: str) -> gxe.Expectation:
    return checks.in_set(f"check__{stage}_matches_rank", [True])


# --- dim_customers -----------------------------------------------------------------------

CUSTOMER_NULL_CEILINGS = ("first_touch_at", "first_touch_channel", "current_stage", "primary_email")


def _customers_contract() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnMaxToBeBetween(
            column="person_identifier_count",
            max_value=limits.MAX_PERSON_IDENTIFIERS_PER_CUSTOMER,
        )
    ]


def _customers_prepare(frame: pd.DataFrame) -> pd.DataFrame:
    derived = frame.copy()
    counts = pd.to_numeric(frame.get("identifier_count", pd.Series(dtype=float)), errors="coerce")
    # 1/0 per customer, so the column mean is the share of stitched customers.
    derived["check__has_several_identifiers"] = (counts > 1).astype(float).where(counts.notna())
    return derived


def _customers_derive(present: Collection[str]) -> tuple[str, ...]:
    counts = _number("identifier_count") if "identifier_count" in present else _NO_NUMBER
    return (
        f"case when {counts} > 1 then 1.0 when {counts} is not null then 0.0 end"
        ' as "check__has_several_identifiers"',
    )


def _customers_profile() -> list[gxe.Expectation]:
    low, high = limits.MULTI_IDENTIFIER_CUSTOMER_SHARE
    return [
        gxe.ExpectColumnMaxToBeBetween(
            column="identifier_count", max_value=limits.MAX_IDENTIFIERS_PER_CUSTOMER
        ),
        gxe.ExpectColumnMeanToBeBetween(
            column="check__has_several_identifiers", min_value=low, max_value=high
        ),
        *(
            gxe.ExpectColumnValuesToNotBeNull(
                column=column, mostly=limits.FILLED_MOSTLY[f"dim_customers.{column}"]
            )
            for column in CUSTOMER_NULL_CEILINGS
        ),
    ]


# --- dim_customer_identifiers ----------------------------------------------------------


def _identifiers_contract() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToMatchRegex(
            column="identifier_value",
            regex=EMAIL_REGEX,
            row_condition=Column("identifier_type") == "email",
        )
    ]


def _identifiers_profile() -> list[gxe.Expectation]:
    return [checks.in_set("is_shared", [False], mostly=1 - limits.SHARED_IDENTIFIER_SHARE_MAX)]


# --- fct_touchpoints ---------------------------------------------------------------------


def _touchpoints_contract() -> list[gxe.Expectation]:
    return [_stage_matches_rank("stage")]


def _touchpoints_profile() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToNotBeNull(
            column=column, mostly=limits.FILLED_MOSTLY[f"fct_touchpoints.{column}"]
        )
        for column in ("channel", "stage")
    ]


# --- fct_web_sessions --------------------------------------------------------------------


def _sessions_contract() -> list[gxe.Expectation]:
    return [
        checks.not_older_than("ended_at", "started_at"),
        checks.not_older_than("event_count", "page_view_count"),
    ]


# --- fct_customer_stages -----------------------------------------------------------------


def _stages_contract() -> list[gxe.Expectation]:
    return [_stage_matches_rank("stage"), checks.not_older_than("exited_at", "entered_at")]


# --- fct_customer_timeline -----------------------------------------------------------------


def _timeline_contract() -> list[gxe.Expectation]:
    return [checks.between("days_since_previous_touch", min_value=0)]


# --- fct_attribution ---------------------------------------------------------------------


def _attribution_prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """`check__conversion_is_unattributed`: 1 on the first row of a conversion that got the
    unattributed row, 0 on the first row of one that did not, missing elsewhere; so the column
    mean is the share of conversions (not of rows) no marketing touchpoint earned credit for."""
    derived = frame.copy()
    empty = pd.Series(index=frame.index, dtype=object)
    conversion = frame.get("conversion_touchpoint_id", empty)
    channel = frame.get("channel", empty)
    unattributed = channel.eq(UNATTRIBUTED).groupby(conversion, dropna=False).transform("any")
    first = ~conversion.duplicated()
    derived["check__conversion_is_unattributed"] = unattributed.astype(float).where(first)
    return derived


def _attribution_derive(present: Collection[str]) -> tuple[str, ...]:
    """_attribution_prepare in SQL: per conversion (window), on one row of it."""
    name = '"check__conversion_is_unattributed"'
    if "conversion_touchpoint_id" not in present:
        return (f"{_NO_NUMBER} as {name}",)
    group = 'over (partition by "conversion_touchpoint_id")'
    unattributed = (
        f"case when {quoted('channel')} = {sql_literal(UNATTRIBUTED)} then 1.0 else 0.0 end"
        if "channel" in present
        else "0.0"
    )
    return (f"case when row_number() {group} = 1 then max({unattributed}) {group} end as {name}",)


def _attribution_profile() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnMeanToBeBetween(
            column="check__conversion_is_unattributed",
            min_value=0,
            max_value=limits.UNATTRIBUTED_CONVERSION_SHARE_MAX,
        )
    ]


# --- agg_journey_funnel ------------------------------------------------------------------


def _funnel_contract() -> list[gxe.Expectation]:
    return [
        checks.not_older_than("cohort_customers", "customers_reached"),
        checks.between("step_conversion_rate", 0, 1),
    ]


# --- agg_row_reconciliation --------------------------------------------------------------


def _reconciliation_prepare(frame: pd.DataFrame) -> pd.DataFrame:
    derived = frame.copy()
    raw = pd.to_numeric(frame.get("raw_rows", pd.Series(dtype=float)), errors="coerce")
    quarantined = pd.to_numeric(
        frame.get("quarantined_rows", pd.Series(dtype=float)), errors="coerce"
    )
    # An empty landing table has no share: missing, so it is not counted.
    derived["check__quarantined_share"] = quarantined / raw.where(raw > 0)
    return derived


def _reconciliation_derive(present: Collection[str]) -> tuple[str, ...]:
    raw = _number("raw_rows") if "raw_rows" in present else _NO_NUMBER
    quarantined = _number("quarantined_rows") if "quarantined_rows" in present else _NO_NUMBER
    return (f'{quarantined} / (case when {raw} > 0 then {raw} end) as "check__quarantined_share"',)


def _reconciliation_profile() -> list[gxe.Expectation]:
    return [checks.between("check__quarantined_share", 0, limits.QUARANTINED_ROW_SHARE_MAX)]


SUITES: tuple[SuiteSpec, ...] = (
    _spec(
        "dim_customers",
        "error",
        _customers_contract,
        description="Over-merge guard: the largest identity component.",
    ),
    _spec(
        "dim_customers",
        "warn",
        _customers_profile,
        _customers_prepare,
        _customers_derive,
        description="Share of stitched customers and null-rate ceilings.",
    ),
    _spec(
        "dim_customer_identifiers",
        "error",
        _identifiers_contract,
        description="Only valid emails are email identifiers.",
    ),
    _spec(
        "dim_customer_identifiers",
        "warn",
        _identifiers_profile,
        description="Share of shared identifiers (team inboxes, kiosks).",
    ),
    _spec(
        "fct_touchpoints",
        "error",
        _touchpoints_contract,
        lambda frame: _with_stage_rank_check(frame, "stage", "stage_rank"),
        lambda present: _sql_stage_rank_check(present, "stage", "stage_rank"),
        description="Each stage carries its rank.",
    ),
    _spec(
        "fct_touchpoints",
        "warn",
        _touchpoints_profile,
        description="Null-rate ceilings of channel and stage.",
    ),
    _spec(
        "fct_web_sessions",
        "error",
        _sessions_contract,
        description="Sessions end after they start and have no more page views than events.",
    ),
    _spec(
        "fct_customer_stages",
        "error",
        _stages_contract,
        lambda frame: _with_stage_rank_check(frame, "stage", "stage_rank"),
        lambda present: _sql_stage_rank_check(present, "stage", "stage_rank"),
        description="Each stage carries its rank and is exited after it is entered.",
    ),
    _spec(
        "fct_customer_timeline",
        "error",
        _timeline_contract,
        description="No touch comes before the previous one.",
    ),
    _spec(
        "fct_attribution",
        "warn",
        _attribution_profile,
        _attribution_prepare,
        _attribution_derive,
        description="Share of conversions no marketing touchpoint earned credit for.",
    ),
    _spec(
        "agg_journey_funnel",
        "error",
        _funnel_contract,
        description="No stage is reached by more customers than the cohort has.",
    ),
    _spec(
        "agg_row_reconciliation",
        "warn",
        _reconciliation_profile,
        _reconciliation_prepare,
        _reconciliation_derive,
        description="Share of each landing table's rows that went to quarantine.",
    ),
)
