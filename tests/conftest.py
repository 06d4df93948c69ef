"""Fixtures shared by every test folder; the helpers live in dbt_harness.py."""

# Re-exported as pytest fixtures.
from dbt_harness import build_warehouse, demo_landing, demo_warehouse  # noqa: F401
