"""Dagster code location of the journey warehouse: landing → dbt build → quality → reports →
publish."""
