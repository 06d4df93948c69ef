"""Fixtures shared by every test folder; the helpers live in dbt_harness.py."""

from dbt_harness import build_warehouse  # noqa: F401  (re-exported as a pytest fixture)
