"""dim_customer_identifiers: one row per identifier, the identity graph as stewards review it."""

from __future__ import annotations

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from expectations import checks, derive, vocab
from expectations import thresholds as limits
from expectations.suites._mart import BOOLEANS, contract_suite, profile_suite, table_basics

TABLE = "dim_customer_identifiers"
COLUMNS = ("customer_id", "identifier_type", "identifier_value", "is_shared", "first_seen_at")


def contract() -> list[gxe.Expectation]:
    return [
        *table_basics(COLUMNS),
        *checks.not_null(("customer_id", "identifier_type", "identifier_value", "is_shared")),
        # An identifier belongs to exactly one customer.
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["identifier_type", "identifier_value"]),
        checks.in_set("identifier_type", vocab.IDENTIFIER_TYPES),
        checks.in_set("is_shared", BOOLEANS),
        # Only normalised, valid emails become identifiers (SPEC §8).
        gxe.ExpectColumnValuesToMatchRegex(
            column="identifier_value",
            regex=derive.EMAIL_REGEX,
            row_condition=Column("identifier_type") == "email",
        ),
    ]


def profile() -> list[gxe.Expectation]:
    return [
        checks.in_set("is_shared", [False], mostly=1 - limits.SHARED_IDENTIFIER_SHARE_MAX),
    ]


SUITES = (contract_suite(TABLE, contract), profile_suite(TABLE, profile))
