"""dbt resources get keys and groups from their folder; landing sources map to landing assets."""

from __future__ import annotations

import dagster as dg

from orchestration.translator import JourneyDbtTranslator


def _model(name: str, *folders: str) -> dict:
    return {
        "resource_type": "model",
        "name": name,
        "fqn": ["journey_warehouse", *folders, name],
        "config": {},
    }


def _source(name: str, identifier: str, source_name: str = "crm") -> dict:
    return {
        "resource_type": "source",
        "name": name,
        "source_name": source_name,
        "identifier": identifier,
        "schema": "landing",
        "fqn": ["journey_warehouse", "staging", source_name, source_name, name],
        "config": {},
    }


def test_models_keyed_and_grouped_by_layer_folder() -> None:
    translator = JourneyDbtTranslator()
    for folders, group in (
        (("staging", "crm"), "staging"),
        (("staging", "crm", "base"), "staging"),
        (("intermediate", "identity"), "intermediate"),
        (("marts", "journeys"), "marts"),
    ):
        props = _model("some_model", *folders)
        assert translator.get_group_name(props) == group
        assert translator.get_asset_key(props) == dg.AssetKey([group, "some_model"])


def test_model_outside_the_layers_keeps_a_group() -> None:
    props = _model("loose_model")
    assert JourneyDbtTranslator().get_group_name(props) == "dbt"
    assert JourneyDbtTranslator().get_asset_key(props) == dg.AssetKey(["dbt", "loose_model"])


def test_landing_sources_map_to_landing_assets_by_identifier() -> None:
    translator = JourneyDbtTranslator()
    assert translator.get_asset_key(_source("contacts", "crm_contacts")) == dg.AssetKey(
        ["landing", "crm_contacts"]
    )
    assert translator.get_asset_key(
        _source("nps_responses", "survey_nps", "support")
    ) == dg.AssetKey(["landing", "survey_nps"])
    # The loader's bookkeeping tables lose the leading underscore.
    assert translator.get_asset_key(
        _source("rejected_lines", "_rejected_lines", "landing")
    ) == dg.AssetKey(["landing", "rejected_lines"])


def test_seeds_have_their_own_group() -> None:
    props = {
        "resource_type": "seed",
        "name": "stage_map",
        "fqn": ["journey_warehouse", "stage_map"],
        "config": {},
    }
    assert JourneyDbtTranslator().get_group_name(props) == "seeds"
    assert JourneyDbtTranslator().get_asset_key(props) == dg.AssetKey(["seeds", "stage_map"])
