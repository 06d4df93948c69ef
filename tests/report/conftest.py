"""The report and the semantic layer tests read the session's demo warehouse (400 persons)."""

from __future__ import annotations

import pytest
from dbt_harness import Warehouse


@pytest.fixture(scope="session")
def warehouse(demo_warehouse: Warehouse) -> Warehouse:
    return demo_warehouse
