"""The landing contract: the nine raw tables and their columns, in order, all text."""

import pyarrow as pa

from journey.contract import LANDING_COLUMNS, REQUIRED_LANDING_TABLES

# The tables an export always has (an optional one, such as erasure_requests, is not generated).
TABLES: dict[str, tuple[str, ...]] = {
    name: LANDING_COLUMNS[name] for name in REQUIRED_LANDING_TABLES
}


def arrow_schema(name: str) -> pa.Schema:
    """Every column is text: real exports are, and the warehouse casts in staging."""
    return pa.schema([pa.field(column, pa.string()) for column in TABLES[name]])


def table(name: str, **columns: pa.Array) -> pa.Table:
    """A table of the contract, columns in contract order; refuses missing or extra columns."""
    expected = TABLES[name]
    if set(columns) != set(expected):
        raise ValueError(f"{name}: columns {sorted(columns)} differ from the contract")
    return pa.Table.from_arrays(
        [columns[column].cast(pa.string()) for column in expected], schema=arrow_schema(name)
    )
