"""Derived columns that suites check next to the raw text.

Raw landing tables arrive as text (SPEC §1). The warehouse compares emails and categories
after lower(trim()), reads timestamps as ISO-8601 in UTC and amounts as decimals; these helpers
give the suites the same view, in columns named `<column>__normalised`, `<column>__utc` and
`<column>__number`, so Data Docs show which reading failed. A column that is missing is skipped
here: the suite's column-set expectation reports it, and the expectations on it fail.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

# Mirrors the warehouse's is_valid_email macro: text before a single "@", and a dot followed
# by at least one character somewhere after it.
EMAIL_REGEX = r"^[^@]+@[^@]*\.[^@]+$"

# ISO-8601 date, optional time with optional fraction, optional Z or +hh:mm offset; the
# space separator is accepted because DuckDB and pandas both read it as ISO-8601.
ISO_TIMESTAMP_REGEX = (
    r"^\s*\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?)?"
    r"(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?\s*$"
)

NUMBER_REGEX = r"^\s*-?\d+(?:\.\d+)?\s*$"


def normalised(name: str) -> str:
    return f"{name}__normalised"


def utc(name: str) -> str:
    return f"{name}__utc"


def source_column(derived: str) -> str:
    """The raw column a derived column reads (`updated_at__utc` -> `updated_at`)."""
    return derived.rsplit("__", 1)[0]


def number(name: str) -> str:
    return f"{name}__number"


def normalise_text(values: pd.Series) -> pd.Series:
    """lower(trim(value)), with empty text as missing, as the warehouse compares values."""
    text = values.astype("string").str.strip().str.lower()
    return text.mask(text == "")


def parse_utc(values: pd.Series) -> pd.Series:
    """ISO-8601 text to naive UTC timestamps, to the second; no offset means UTC; unparseable
    text is NaT. Exports keep fractions of a second in one column and drop them in another,
    so comparing columns below the second would report noise as disorder."""
    parsed = pd.to_datetime(values, utc=True, errors="coerce", format="ISO8601")
    return parsed.dt.tz_localize(None).dt.floor("s")


def parse_number(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.astype("string").str.strip(), errors="coerce").astype("Float64")


def with_raw_readings(
    frame: pd.DataFrame,
    *,
    text: Iterable[str] = (),
    timestamps: Iterable[str] = (),
    numbers: Iterable[str] = (),
) -> pd.DataFrame:
    """A copy of `frame` with the derived readings of the columns that are present."""
    derived = frame.copy()
    for name in text:
        if name in frame:
            derived[normalised(name)] = normalise_text(frame[name])
    for name in timestamps:
        if name in frame:
            derived[utc(name)] = parse_utc(frame[name])
    for name in numbers:
        if name in frame:
            derived[number(name)] = parse_number(frame[name])
    return derived
