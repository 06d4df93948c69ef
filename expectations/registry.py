"""Every suite of the project, in the order reports list them: raw tables as they land, then
marts from the customer outwards."""

from __future__ import annotations

from collections.abc import Iterable

from expectations.spec import Layer, Severity, SuiteSpec
from expectations.suites import (
    mart_agg_journey_funnel,
    mart_agg_row_reconciliation,
    mart_dim_customer_identifiers,
    mart_dim_customers,
    mart_fct_attribution,
    mart_fct_customer_stages,
    mart_fct_customer_timeline,
    mart_fct_touchpoints,
    mart_fct_web_sessions,
    raw_crm_accounts,
    raw_crm_activities,
    raw_crm_contacts,
    raw_crm_deals,
    raw_crm_orders,
    raw_support_tickets,
    raw_survey_nps,
    raw_web_events,
    raw_web_identifies,
)

__all__ = ["SUITES", "Layer", "Severity", "SuiteSpec", "select", "suite"]

_MODULES = (
    raw_crm_contacts,
    raw_crm_accounts,
    raw_crm_deals,
    raw_crm_activities,
    raw_crm_orders,
    raw_web_events,
    raw_web_identifies,
    raw_support_tickets,
    raw_survey_nps,
    mart_dim_customers,
    mart_dim_customer_identifiers,
    mart_fct_touchpoints,
    mart_fct_web_sessions,
    mart_fct_customer_stages,
    mart_fct_customer_timeline,
    mart_fct_attribution,
    mart_agg_journey_funnel,
    mart_agg_row_reconciliation,
)

SUITES: tuple[SuiteSpec, ...] = tuple(spec for module in _MODULES for spec in module.SUITES)


def suite(name: str) -> SuiteSpec:
    for spec in SUITES:
        if spec.name == name:
            return spec
    known = ", ".join(spec.name for spec in SUITES)
    raise KeyError(f"No expectation suite named {name!r}; known suites: {known}")


def select(layer: str | None = None, names: Iterable[str] | None = None) -> tuple[SuiteSpec, ...]:
    """Suites of one layer and/or with the given names (all when both are None), in registry
    order, or in the order of `names` when given."""
    if layer not in (None, "raw", "mart"):
        raise ValueError(f"layer must be 'raw', 'mart' or None, not {layer!r}")
    chosen = SUITES if names is None else tuple(suite(name) for name in names)
    return tuple(spec for spec in chosen if layer is None or spec.layer == layer)
