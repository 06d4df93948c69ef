"""Every structural check can fail: break one mart table of a real build, rerun the check, see
it fail (issue: a reconciliation that cannot see a lost row, or invariants whose expected set
comes from the table under test, guard nothing)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from dbt_harness import Warehouse, run_dbt

ATTRIBUTION_CHECKS = (
    "assert_every_conversion_is_attributed_under_every_model",
    "assert_attribution_credits_sum_to_one",
    "assert_attribution_revenue_credit_matches_revenue",
)


@pytest.fixture(scope="module")
def built(demo_warehouse: Warehouse) -> Warehouse:
    """The session's demo build; `rerun_after` breaks a copy of it, never the build itself."""
    return demo_warehouse


@pytest.fixture(scope="module")
def rerun_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every rerun: the same warehouse path and dbt target each time, so dbt
    parses the project once and the later reruns parse only what changed (nothing)."""
    return tmp_path_factory.mktemp("rerun")


def rerun_after(
    built: Warehouse, work_dir: Path, mutation: list[str], args: list[str]
) -> dict[str, str]:
    """Copies the warehouse to `work_dir`, applies `mutation`, runs dbt `args`; returns status
    per node name."""
    work_dir.mkdir(parents=True, exist_ok=True)
    duckdb_path = work_dir / "warehouse.duckdb"
    shutil.copy(built.duckdb_path, duckdb_path)
    run_results = work_dir / "target" / "run_results.json"
    run_results.unlink(missing_ok=True)  # never read an earlier rerun's results
    with duckdb.connect(str(duckdb_path)) as connection:
        for statement in mutation:
            connection.execute(statement)
    run_dbt(args, built.raw_dir, duckdb_path, work_dir)
    results = json.loads(run_results.read_text())["results"]
    return {result["unique_id"].split(".")[2]: result["status"] for result in results}


def failed(statuses: dict[str, str]) -> set[str]:
    return {name for name, status in statuses.items() if status in ("fail", "error")}


def test_unbroken_warehouse_passes_every_check(built: Warehouse, rerun_dir: Path) -> None:
    statuses = rerun_after(
        built,
        rerun_dir,
        [],
        ["build", "--select", "agg_row_reconciliation+", "assert_customer_stages_monotonic",
         *ATTRIBUTION_CHECKS],
    )  # fmt: skip
    assert statuses and not failed(statuses)


@pytest.mark.parametrize(
    ("source_table", "mart_delete"),
    [
        (
            "crm_orders",
            "delete from marts.fct_touchpoints where touchpoint_id = (select min(touchpoint_id) "
            "from marts.fct_touchpoints where source_table = 'crm_orders')",
        ),
        (
            "web_events",
            "delete from marts.fct_web_sessions where session_id = (select min(session_id) "
            "from marts.fct_web_sessions where page_view_count >= 2)",
        ),
        (
            "crm_contacts",
            "delete from marts.dim_customer_identifiers where customer_id = (select "
            "min(customer_id) from marts.dim_customer_identifiers "
            "where identifier_type = 'contact_id')",
        ),
    ],
)
def test_a_row_lost_between_staging_and_the_marts_unbalances_the_reconciliation(
    built: Warehouse, rerun_dir: Path, source_table: str, mart_delete: str
) -> None:
    statuses = rerun_after(
        built, rerun_dir, [mart_delete], ["build", "--select", "agg_row_reconciliation+"]
    )
    assert "accepted_values_agg_row_reconciliation_is_balanced__False__True" in failed(statuses)
    with duckdb.connect(str(rerun_dir / "warehouse.duckdb"), read_only=True) as connection:
        unbalanced = connection.execute(
            "select table_name, unaccounted_rows from marts.agg_row_reconciliation "
            "where not is_balanced"
        ).fetchall()
    assert source_table in {table for table, _ in unbalanced}
    assert all(unaccounted >= 1 for _, unaccounted in unbalanced)


@pytest.mark.parametrize(
    "mutation",
    [
        "delete from marts.fct_attribution",
        "delete from marts.fct_attribution where attribution_model = 'time_decay'",
    ],
    ids=["empty_attribution", "one_model_missing"],
)
def test_attribution_invariants_fail_on_missing_rows(
    built: Warehouse, rerun_dir: Path, mutation: str
) -> None:
    statuses = rerun_after(built, rerun_dir, [mutation], ["test", "--select", *ATTRIBUTION_CHECKS])
    assert failed(statuses) == set(ATTRIBUTION_CHECKS)


def test_credit_sum_and_revenue_checks_fail_on_a_wrong_credit(
    built: Warehouse, rerun_dir: Path
) -> None:
    wrong_credit = (
        "update marts.fct_attribution set credit = credit / 2, revenue_credit = revenue_credit / 2 "
        "where attribution_id = (select min(attribution_id) from marts.fct_attribution "
        "where attribution_model = 'linear' and conversion_revenue_usd > 0)"
    )
    statuses = rerun_after(
        built, rerun_dir, [wrong_credit], ["test", "--select", *ATTRIBUTION_CHECKS]
    )
    assert failed(statuses) == {
        "assert_attribution_credits_sum_to_one",
        "assert_attribution_revenue_credit_matches_revenue",
    }


def test_stages_entered_in_the_wrong_order_at_one_instant_fail(
    built: Warehouse, rerun_dir: Path
) -> None:
    # Two stages of one customer now share an instant, and the higher rank was entered by the
    # earlier touchpoint: sorting by (entered_at, stage_rank) would hide it.
    swap = """
        create temp table pair as
        select customer_id, min(stage_rank) as low_rank, max(stage_rank) as high_rank
        from (
            select customer_id, stage_rank
            from marts.fct_customer_stages
            where customer_id = (
                select min(customer_id) from (
                    select customer_id from marts.fct_customer_stages
                    where stage_rank in (1, 2)
                    group by customer_id having count(*) = 2
                )
            ) and stage_rank in (1, 2)
        ) group by customer_id;
        create temp table swapped as
        select stages.customer_id, stages.stage_rank, stages.entered_touchpoint_id
        from marts.fct_customer_stages as stages
        inner join pair on stages.customer_id = pair.customer_id
        where stages.stage_rank in (pair.low_rank, pair.high_rank);
        update marts.fct_customer_stages as stages
        set
            entered_touchpoint_id = (
                select other.entered_touchpoint_id from swapped as other
                where other.customer_id = stages.customer_id
                    and other.stage_rank != stages.stage_rank
            ),
            entered_at = (
                select min(entered_at) from marts.fct_customer_stages as same
                where same.customer_id = stages.customer_id and same.stage_rank in (1, 2)
            )
        where stages.customer_id = (select customer_id from pair)
            and stages.stage_rank in (1, 2);
    """
    statuses = rerun_after(
        built, rerun_dir, [swap], ["test", "--select", "assert_customer_stages_monotonic"]
    )
    assert failed(statuses) == {"assert_customer_stages_monotonic"}
