"""Stage models as data (seeds journey_stages and stage_map): one var picks the model, every
stage mart is built in it and says so; transitions, stalls, intent and NPS follow the model."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from dbt_harness import BuildWarehouse, Warehouse, run_dbt, write_landing

CONTACTS = [
    {
        "contact_id": "c1",
        "email": "ann@shop.io",
        "account_id": "A1",
        "created_at": "2024-01-01 00:00:00",
        "updated_at": "2024-01-01 00:00:00",
    },
    {
        "contact_id": "c2",
        "email": "bob@shop.io",
        "account_id": "A1",
        "created_at": "2024-01-01 00:00:00",
        "updated_at": "2024-01-01 00:00:00",
    },
]
ACCOUNTS = [
    {"account_id": "A1", "account_name": "Acme", "created_at": "2024-01-01 00:00:00",
     "updated_at": "2024-01-01 00:00:00"},
]  # fmt: skip
ACTIVITIES = [
    {"activity_id": "a1", "contact_id": "c1", "activity_type": "email_opened",
     "occurred_at": "2024-01-01 00:00:00"},
    {"activity_id": "a2", "contact_id": "c1", "activity_type": "webinar_attended",
     "occurred_at": "2024-01-03 00:00:00"},
    {"activity_id": "a3", "contact_id": "c1", "activity_type": "meeting",
     "occurred_at": "2024-01-05 00:00:00"},
    {"activity_id": "a4", "contact_id": "c2", "activity_type": "email_opened",
     "occurred_at": "2024-01-02 00:00:00"},
]  # fmt: skip
ORDERS = [
    {"order_id": "o1", "contact_id": "c1", "order_total": "120", "currency": "USD",
     "status": "completed", "ordered_at": "2024-01-10 00:00:00",
     "updated_at": "2024-01-10 00:00:00"},
]  # fmt: skip
TICKETS = [
    {"ticket_id": "k1", "contact_id": "c1", "status": "solved",
     "created_at": "2024-01-12 00:00:00", "updated_at": "2024-01-13 00:00:00"},
    {"ticket_id": "k2", "contact_id": "c2", "status": "open",
     "created_at": "2024-01-06 00:00:00", "updated_at": "2024-01-06 00:00:00"},
]  # fmt: skip
NPS = [{"response_id": "n1", "email": "ann@shop.io", "score": "10",
        "responded_at": "2024-01-20 00:00:00"}]  # fmt: skip

EXPECTED_STAGES = {
    "spec_six": ["consideration", "decision", "purchase", "retention", "advocacy"],
    "five_stage": ["consideration", "decision", "purchase", "post_purchase"],
    "b2b_seven": [
        "out_of_market",
        "initial_brand_consideration",
        "active_evaluation",
        "purchase_decision",
        "experience",
        "loyalty",
    ],
}
# c2 opens an email (Jan 2) and a ticket (Jan 6): consideration in the SPEC and five-stage
# models; in the B2B model the email is out-of-market and the ticket moves c2 on.
EXPECTED_C2_STAGE = {
    "spec_six": "consideration",
    "five_stage": "consideration",
    "b2b_seven": "initial_brand_consideration",
}
STAGE_MARTS = (
    "fct_touchpoints",
    "fct_customer_stages",
    "fct_customer_timeline",
    "dim_customers",
    "agg_journey_funnel",
    "fct_stage_transitions",
    "agg_stage_transition_matrix",
    "fct_stalled_customers",
    "agg_nps_by_stage",
    "agg_nps_by_first_touch_channel",
    "fct_nps_responses",
    "dim_accounts",
    "fct_account_stages",
    "agg_account_funnel",
)


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_landing(
        tmp_path_factory.mktemp("stage_models") / "landing",
        {
            "crm_contacts": CONTACTS,
            "crm_accounts": ACCOUNTS,
            "crm_activities": ACTIVITIES,
            "crm_orders": ORDERS,
            "support_tickets": TICKETS,
            "survey_nps": NPS,
        },
    )


# Every model that reads `journey__stage_model` (directly or through the macro
# journey_stage_model) is one of these or downstream of them; nothing upstream depends on it.
STAGE_MODEL_READERS = "int_stage_map_selected+ int_journey_stages_selected+ int_touchpoints_staged+"


def _stage_model_vars(model: str) -> str:
    return f"{{journey__stage_model: {model}}}"


@pytest.fixture(scope="module")
def built_spec_six(landing: Path, build_warehouse: BuildWarehouse) -> Warehouse:
    return build_warehouse(landing, ("build", "--vars", _stage_model_vars("spec_six")))


@pytest.fixture(scope="module", params=sorted(EXPECTED_STAGES))
def built(
    request: pytest.FixtureRequest,
    built_spec_six: Warehouse,
    build_warehouse: BuildWarehouse,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, Warehouse]:
    """The warehouse in each stage model: one full build in the SPEC model; the others rebuild
    (with their dbt tests) only what reads the stage model, on a copy of that build."""
    model = request.param
    if model == "spec_six":
        return model, built_spec_six
    copy = built_spec_six.copy(tmp_path_factory.mktemp(f"stage_model_{model}"))
    args = ("build", "--select", *STAGE_MODEL_READERS.split(), "--vars", _stage_model_vars(model))
    return model, build_warehouse(copy.raw_dir, args, duckdb_path=copy.duckdb_path)


def _customer(warehouse: Warehouse, contact_id: str) -> str:
    return warehouse.query(
        "select customer_id from marts.dim_customers where primary_contact_id = ?", [contact_id]
    )[0][0]


def test_stage_history_follows_the_chosen_model(built: tuple[str, Warehouse]) -> None:
    model, warehouse = built
    c1 = _customer(warehouse, "c1")
    stages = warehouse.query(
        "select stage from marts.fct_customer_stages where customer_id = ? order by stage_rank",
        [c1],
    )
    assert [stage for (stage,) in stages] == EXPECTED_STAGES[model]
    current = warehouse.query(
        "select current_stage from marts.dim_customers where primary_contact_id = 'c2'"
    )
    assert current == [(EXPECTED_C2_STAGE[model],)]


def test_every_stage_mart_names_the_model(built: tuple[str, Warehouse]) -> None:
    model, warehouse = built
    for mart in STAGE_MARTS:
        found = warehouse.query(f"select distinct stage_model from marts.{mart}")
        assert found == [(model,)], mart


def test_funnel_has_one_row_per_stage_of_the_model(built: tuple[str, Warehouse]) -> None:
    model, warehouse = built
    stages = warehouse.query(
        "select stage from marts.agg_journey_funnel group by stage, stage_rank order by stage_rank"
    )
    seed = warehouse.query(
        "select stage from seeds.journey_stages where stage_model = ? order by stage_rank", [model]
    )
    assert stages == seed
    assert len(seed) == {"spec_six": 6, "five_stage": 5, "b2b_seven": 7}[model]


def test_transitions_name_the_touchpoint_that_moved_the_customer(
    built: tuple[str, Warehouse],
) -> None:
    model, warehouse = built
    c1 = _customer(warehouse, "c1")
    rows = warehouse.records(
        """
        select from_stage, to_stage, days_taken, caused_by_touchpoint_type, caused_by_intent
        from marts.fct_stage_transitions where customer_id = ? order by to_stage_rank
        """,
        [c1],
    )
    stages = EXPECTED_STAGES[model]
    assert [(row["from_stage"], row["to_stage"]) for row in rows] == list(pairwise(stages))
    # The move into the purchase stage: 5 days after the meeting, caused by the order.
    purchase = next(row for row in rows if row["caused_by_touchpoint_type"] == "order")
    assert purchase["days_taken"] == pytest.approx(5.0)
    assert purchase["caused_by_intent"] == "purchase"


def test_stalled_customer_by_default_percentile_with_open_ticket(
    built: tuple[str, Warehouse],
) -> None:
    model, warehouse = built
    rows = warehouse.records("select * from marts.fct_stalled_customers")
    # The only exit from c2's stage is c1's: consideration after 4 days (Jan 1 → meeting on
    # Jan 5), initial brand consideration after 2 (webinar Jan 3 → meeting Jan 5). The data
    # ends on Jan 20: c2 entered on Jan 2 (email), in the B2B model on Jan 6 (ticket).
    threshold, stalled = (2.0, 14.0) if model == "b2b_seven" else (4.0, 18.0)
    assert len(rows) == 1
    (row,) = rows
    assert row["customer_id"] == _customer(warehouse, "c2")
    assert row["stage"] == EXPECTED_C2_STAGE[model]
    assert row["stall_threshold_days"] == pytest.approx(threshold)
    assert row["days_stalled"] == pytest.approx(stalled)
    assert row["last_touchpoint_type"] == "ticket_opened"
    assert row["open_tickets"] == 1


def test_intent_per_touchpoint(built: tuple[str, Warehouse]) -> None:
    _, warehouse = built
    intents = dict(
        warehouse.query(
            """
            select touchpoint_type, intent from marts.fct_touchpoints
            where customer_id = (
                select customer_id from marts.dim_customers where primary_contact_id = 'c1'
            )
            """
        )
    )
    assert intents == {
        "email_opened": "awareness",
        "webinar_attended": "consideration",
        "meeting": "consideration",
        "order": "purchase",
        "ticket_opened": "support",
        "nps_response": "engagement",
    }


def test_nps_by_stage_counts_the_promoter_in_the_stage_before_the_response(
    built: tuple[str, Warehouse],
) -> None:
    model, warehouse = built
    rows = warehouse.query("select stage, responses, promoters, nps from marts.agg_nps_by_stage")
    responded = [row for row in rows if row[1]]
    post_purchase = EXPECTED_STAGES[model][EXPECTED_STAGES[model].index(
        {"spec_six": "retention", "five_stage": "post_purchase", "b2b_seven": "experience"}[model]
    )]  # fmt: skip
    assert responded == [(post_purchase, 1, 1, 100.0)]


def test_unknown_stage_model_stops_with_the_known_names(
    built: tuple[str, Warehouse], tmp_path: Path
) -> None:
    model, warehouse = built
    if model != "spec_six":
        pytest.skip("checked once")
    result = run_dbt(
        ["run", "--select", "int_journey_stages_selected", "--vars", "{journey__stage_model: b2c}"],
        warehouse.raw_dir,
        warehouse.duckdb_path,
        tmp_path,
    )
    assert result.returncode != 0
    assert "journey__stage_model = 'b2c' is not a stage model of seed journey_stages" in (
        result.stdout
    )
    assert "b2b_seven, five_stage, spec_six" in result.stdout


def test_account_moves_with_its_buying_group(built: tuple[str, Warehouse]) -> None:
    model, warehouse = built
    # c1 and c2 are both contacts of A1: c2's later email and ticket never move the account
    # back; the account follows whoever is furthest, here always c1.
    stages = warehouse.query(
        "select stage from marts.fct_account_stages where account_id = 'A1' order by stage_rank"
    )
    assert [stage for (stage,) in stages] == EXPECTED_STAGES[model]
    (account,) = warehouse.records("select * from marts.dim_accounts")
    assert account["buying_group_size"] == 2
    assert account["first_touch_channel"] == "email"
    assert account["days_to_close"] == pytest.approx(9.0)  # Jan 1 → order on Jan 10
    assert account["revenue_usd"] == pytest.approx(120.0)
    assert account["current_stage"] == EXPECTED_STAGES[model][-1]
