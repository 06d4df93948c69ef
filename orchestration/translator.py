"""How dbt resources appear in Dagster: keys and groups follow the project's folder layers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator

# Top-level model folders, in build order; each becomes a Dagster asset group.
MODEL_LAYERS: tuple[str, ...] = ("staging", "intermediate", "marts")
LANDING_SCHEMA = "landing"
LANDING_GROUP = "landing"


def landing_asset_key(table: str) -> dg.AssetKey:
    """Key of the asset that observes one landing table (and of the dbt source reading it)."""
    return dg.AssetKey([LANDING_GROUP, table])


def model_layer(dbt_resource_props: Mapping[str, Any]) -> str | None:
    """`staging`, `intermediate` or `marts` for a model under that folder, else None."""
    fqn = dbt_resource_props.get("fqn", [])
    # fqn = [package, folder, ..., name]; a model directly under models/ has no layer.
    if len(fqn) >= 3 and fqn[1] in MODEL_LAYERS:
        return fqn[1]
    return None


class JourneyDbtTranslator(DagsterDbtTranslator):
    """Groups dbt assets by layer folder and ties dbt sources to the landing assets."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        resource_type = dbt_resource_props["resource_type"]
        name = dbt_resource_props["name"]
        if resource_type == "source":
            if dbt_resource_props.get("schema") == LANDING_SCHEMA:
                # The source's identifier is the landing table name (crm_contacts), which is
                # what the landing assets are keyed by; the loader's own bookkeeping tables
                # (_files, _rejected_lines) keep their name without the underscore.
                identifier = dbt_resource_props.get("identifier") or name
                return landing_asset_key(identifier.lstrip("_"))
            return super().get_asset_key(dbt_resource_props)
        if resource_type == "seed":
            return dg.AssetKey(["seeds", name])
        layer = model_layer(dbt_resource_props)
        return dg.AssetKey([layer, name]) if layer else dg.AssetKey(["dbt", name])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        resource_type = dbt_resource_props["resource_type"]
        if resource_type == "source":
            return LANDING_GROUP
        if resource_type == "seed":
            return "seeds"
        return model_layer(dbt_resource_props) or "dbt"


def model_asset_keys(
    manifest: Mapping[str, Any], translator: DagsterDbtTranslator | None = None
) -> dict[str, dg.AssetKey]:
    """Asset key of every dbt model, by model name."""
    translator = translator or JourneyDbtTranslator()
    return {
        node["name"]: translator.get_asset_key(node)
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model"
    }
