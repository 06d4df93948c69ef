"""The raw landing suites, derived from the landing registry (journey/contract.py).

Each landing table gets two suites:

- `raw_<table>` (error) blocks only what the contract makes an error, so a row SPEC calls valid
  never blocks the run: the columns are present; the required columns (the table's key and the
  timestamps that place and version a row) are filled; timestamps and numbers parse exactly as
  the warehouse parses them (TIMESTAMP_PATTERN / NUMBER_PATTERN on trimmed text, and a real
  calendar instant or a finite number); the key of a table that is not a change feed is unique.
  Single bad rows are the warehouse's to quarantine, so each of these allows a calibrated share
  (`mostly`, see thresholds): only a wholesale loss, the sign of a broken export, blocks.
  Link columns (anonymous_id, user_id, email, contact_id, account_id) and descriptive columns
  are never required (SPEC §8).
- `raw_<table>_profile` (warn) describes: volume against the previous run, freshness, email
  validity, vocabularies, orderings (updated after created, received after the event), repeated
  versions of a change feed, the share of rows that carry an identifier, the NPS scale.

The suites check derived columns next to the text as landed: `<column>__as_timestamp` and
`<column>__as_number` (the trimmed text; a value that matches the pattern but is no real instant
or no finite number carries a note saying so, and so fails), `<column>__utc` and
`<column>__value` (the parsed readings) and `<column>__normalised` (lower(trim())).
`sql_readings` computes them in DuckDB exactly as the warehouse parses (macros/parsing:
`regexp_matches` on trimmed text, then `try_cast` to timestamptz or double and `isfinite`);
`with_readings` is the same in pandas, kept as the reference the SQL is tested against.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator
from datetime import datetime, timedelta
from functools import partial

import great_expectations.expectations as gxe
import pandas as pd

from expectations import checks
from expectations import thresholds as limits
from expectations.checks import SuiteSpec, quoted, sql_literal
from journey.contract import (
    INTEGER_LIMIT,
    NPS_SCORE_RANGE,
    NUMBER_PATTERN,
    REGISTRY,
    TIMESTAMP_PATTERN,
    LandingTable,
)

# Mirrors the warehouse's is_valid_email macro: text before a single "@", and a dot followed
# by at least one character somewhere after it.
EMAIL_REGEX = r"^[^@]+@[^@]*\.[^@]+$"

# Vocabularies the registry leaves to other owners: currencies to the FX seed, is_deleted to
# SPEC §1's true spellings and their opposites.
_EXTRA_VOCABULARIES = {
    "currency": checks.currencies,
    "is_deleted": lambda: checks.BOOLEAN_SPELLINGS,
}

# Orderings a profile watches, (later, earlier), wherever a table has both columns.
ORDERINGS = (
    ("updated_at", "created_at"),
    ("updated_at", "ordered_at"),
    ("closed_at", "created_at"),
    ("first_response_at", "created_at"),
    ("solved_at", "created_at"),
    ("received_at", "event_at"),
)

HAS_IDENTIFIER = "check__row_has_identifier"
NO_SUCH_INSTANT = " (no such instant)"
NOT_FINITE = " (not a finite number)"
NOT_A_COUNT = " (not a finite number within the integer range)"


def as_timestamp(column: str) -> str:
    return f"{column}__as_timestamp"


def as_number(column: str) -> str:
    return f"{column}__as_number"


def utc(column: str) -> str:
    return f"{column}__utc"


def value(column: str) -> str:
    return f"{column}__value"


def normalised(column: str) -> str:
    return f"{column}__normalised"


# --- parsing, as the warehouse parses ------------------------------------------------------

_TIMESTAMP = re.compile(TIMESTAMP_PATTERN)
_NUMBER = re.compile(NUMBER_PATTERN)
# TIMESTAMP_PATTERN with its parts named, to build the instant once the pattern matched.
_TIMESTAMP_PARTS = re.compile(
    r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"
    r"(?:[T ](?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:[.](?P<f>[0-9]{1,9}))?)?"
    r"(?P<zone>Z| UTC|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$"
)


def read_timestamp(text: str) -> datetime | None:
    """The UTC instant (naive) that trimmed `text` names, or None: the text must match
    TIMESTAMP_PATTERN and name a real calendar instant (no 30 February, no hour 25)."""
    if not _TIMESTAMP.match(text):
        return None
    parts = _TIMESTAMP_PARTS.match(text)
    if parts is None:
        return None
    fraction = (parts["f"] or "0")[:6].ljust(6, "0")
    try:
        instant = datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            int(parts["S"] or 0),
            int(fraction),
        )
    except ValueError:
        return None
    zone = parts["zone"]
    if zone and zone not in ("Z", " UTC"):
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:] or 0)
        if hours > 23 or minutes > 59:
            return None
        offset = timedelta(hours=hours, minutes=minutes)
        instant = instant - offset if zone[0] == "+" else instant + offset
    return instant


def read_number(text: str) -> float | None:
    """The finite number trimmed `text` names, or None (NUMBER_PATTERN, then finite)."""
    if not _NUMBER.match(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def read_count(text: str) -> float | None:
    """read_number within the integer range (INTEGER_LIMIT): a count column's rule."""
    number = read_number(text)
    return number if number is not None and abs(number) < INTEGER_LIMIT else None


def _readings(values: pd.Series, read, note: str, pattern: re.Pattern) -> tuple:
    """(check text, parsed value) per row, computed once per distinct text."""
    text = values.astype("string").str.strip()
    text = text.mask(text == "")
    distinct = text.dropna().unique()
    parsed = {item: read(item) for item in distinct}
    checked = {
        item: item if parsed[item] is not None or not pattern.match(item) else item + note
        for item in distinct
    }
    return text.map(checked).astype(object), text.map(parsed)


def with_readings(frame: pd.DataFrame, table: LandingTable) -> pd.DataFrame:
    """A copy of `frame` with the derived columns the table's suites check (for the columns
    that are present: a missing one is reported by the column-set expectation)."""
    derived = frame.copy()
    for column in table.timestamps:
        if column in frame:
            checked, parsed = _readings(frame[column], read_timestamp, NO_SUCH_INSTANT, _TIMESTAMP)
            derived[as_timestamp(column)] = checked
            # Compared to the second: exports keep fractions in one column and drop them in
            # another, which would show as disorder below the second.
            derived[utc(column)] = pd.to_datetime(parsed.astype(object)).dt.floor("s")
    for column in table.numbers:
        if column in frame:
            reader, note = (
                (read_count, NOT_A_COUNT) if column in table.integers else (read_number, NOT_FINITE)
            )
            checked, parsed = _readings(frame[column], reader, note, _NUMBER)
            derived[as_number(column)] = checked
            derived[value(column)] = pd.to_numeric(parsed.astype(object)).astype("Float64")
    for column in (*table.emails, *table.categories):
        if column in frame:
            text = frame[column].astype("string").str.strip().str.lower()
            derived[normalised(column)] = text.mask(text == "").astype(object)
    identifier_columns = [column for _, column in table.identifiers if column in frame]
    if identifier_columns:
        filled = pd.DataFrame(
            {
                column: (frame[column].astype("string").str.strip() != "")
                .fillna(False)
                .astype(bool)
                for column in identifier_columns
            },
            index=frame.index,
        )
        derived[HAS_IDENTIFIER] = filled.any(axis=1).astype(bool)
    return derived


def sql_pattern(pattern: str) -> str:
    """`pattern` as a SQL string literal, each `?` quantifier written `{0,1}`: the same regular
    expression, and no `?` in the query text, which GX's rendering of a query for the
    unexpected-rows metric would take for a bind parameter."""
    if re.search(r"\(\?|[?*+}]\?", pattern):
        raise ValueError(f"pattern {pattern!r} uses '?' other than as a quantifier")
    return sql_literal(pattern.replace("?", "{0,1}"))


def _sql_timestamp(text: str) -> str:
    """The warehouse's parse_timestamp_utc on trimmed text: a naive UTC timestamp or null."""
    return (
        f"case when regexp_matches({text}, {sql_pattern(TIMESTAMP_PATTERN)})"
        f" then timezone('UTC', try_cast({text} as timestamptz)) end"
    )


def _sql_number(text: str) -> str:
    """The warehouse's journey_safe_number on trimmed text: a finite double or null."""
    return (
        f"case when regexp_matches({text}, {sql_pattern(NUMBER_PATTERN)})"
        f" and isfinite(try_cast({text} as double)) then try_cast({text} as double) end"
    )


def _sql_count(text: str) -> str:
    """The warehouse's journey_safe_integer on trimmed text: _sql_number within INTEGER_LIMIT."""
    number = _sql_number(text)
    return f"case when abs({number}) < {INTEGER_LIMIT!r} then {number} end"


def _sql_checked(text: str, pattern: str, parsed: str, note: str) -> str:
    """The trimmed text, with `note` added where it matches the pattern but does not parse."""
    return (
        f"case when regexp_matches({text}, {sql_pattern(pattern)}) and ({parsed}) is null"
        f" then {text} || {sql_literal(note)} else {text} end"
    )


def sql_readings(present: Collection[str], table: LandingTable) -> tuple[str, ...]:
    """The derived columns of with_readings as SQL select items over the landing table as
    read (text, blank text null), for the columns that are present."""
    items = []
    # (columns, parser, pattern, note, name of the checked text, name of the value, value)
    readings = (
        (
            table.timestamps,
            _sql_timestamp,
            TIMESTAMP_PATTERN,
            NO_SUCH_INSTANT,
            as_timestamp,
            utc,
            "date_trunc('second', {})",
        ),
        (
            tuple(column for column in table.numbers if column not in table.integers),
            _sql_number,
            NUMBER_PATTERN,
            NOT_FINITE,
            as_number,
            value,
            "{}",
        ),
        (table.integers, _sql_count, NUMBER_PATTERN, NOT_A_COUNT, as_number, value, "{}"),
    )
    for columns, parse, pattern, note, checked_name, value_name, value_sql in readings:
        for column in (column for column in columns if column in present):
            text = f"trim({quoted(column)})"
            parsed = parse(text)
            checked = _sql_checked(text, pattern, parsed, note)
            items.append(f"{checked} as {quoted(checked_name(column))}")
            items.append(f"{value_sql.format(parsed)} as {quoted(value_name(column))}")
    for column in (*table.emails, *table.categories):
        if column in present:
            items.append(
                f"nullif(lower(trim({quoted(column)})), '') as {quoted(normalised(column))}"
            )
    filled = [
        f"coalesce(trim({quoted(column)}) <> '', false)"
        for _, column in table.identifiers
        if column in present
    ]
    if filled:
        items.append(f"({' or '.join(filled)}) as {quoted(HAS_IDENTIFIER)}")
    return tuple(items)


def sql_freshness(table: LandingTable) -> str:
    """The freshness column's UTC reading as a SQL expression over the landing table."""
    return f"date_trunc('second', {_sql_timestamp(f'trim({quoted(freshness_column(table))})')})"


# --- the suites ----------------------------------------------------------------------------


def freshness_column(table: LandingTable) -> str:
    """The pipeline's clock for the table: the version timestamp of a change feed, the
    receipt time of web events (event_at may come from a wrong client clock), else the
    timestamp that places a row."""
    if table.change_feed and "updated_at" in table.timestamps:
        return "updated_at"
    if "received_at" in table.timestamps:
        return "received_at"
    return table.placed_by


def contract(table: LandingTable) -> Iterator[gxe.Expectation]:
    # exact_match=False: extra columns are ignored by the contract (SPEC §1).
    yield gxe.ExpectTableColumnsToMatchSet(column_set=list(table.columns), exact_match=False)
    for column in table.required:
        yield gxe.ExpectColumnValuesToNotBeNull(column=column, mostly=limits.REQUIRED_FILLED_MOSTLY)
    for column in table.timestamps:
        yield gxe.ExpectColumnValuesToMatchRegex(
            column=as_timestamp(column), regex=TIMESTAMP_PATTERN, mostly=limits.PARSES_MOSTLY
        )
    for column in table.numbers:
        yield gxe.ExpectColumnValuesToMatchRegex(
            column=as_number(column), regex=NUMBER_PATTERN, mostly=limits.PARSES_MOSTLY
        )
    if table.key is not None and not table.change_feed:
        # A change feed repeats its key by design; other tables name one record per key.
        yield gxe.ExpectColumnValuesToBeUnique(column=table.key, mostly=limits.KEY_UNIQUE_MOSTLY)


def profile(table: LandingTable) -> Iterator[gxe.Expectation]:
    yield gxe.ExpectTableRowCountToBeBetween(
        min_value={"$PARAMETER": checks.VOLUME_LOW},
        max_value={"$PARAMETER": checks.VOLUME_HIGH},
        meta={checks.REQUIRES: checks.PREVIOUS_VOLUME},
    )
    yield gxe.ExpectColumnMaxToBeBetween(
        column=utc(freshness_column(table)), min_value={"$PARAMETER": checks.FRESH_AFTER}
    )
    for column in table.emails:
        yield gxe.ExpectColumnValuesToMatchRegex(
            column=normalised(column), regex=EMAIL_REGEX, mostly=limits.EMAIL_VALID_MOSTLY
        )
    vocabularies = dict(table.vocabularies)
    for column, values in _EXTRA_VOCABULARIES.items():
        if column in table.categories:
            vocabularies[column] = values()
    for column, values in vocabularies.items():
        yield checks.in_set(normalised(column), sorted(values), mostly=limits.CATEGORY_MOSTLY)
    for later, earlier in ORDERINGS:
        if later in table.timestamps and earlier in table.timestamps:
            yield checks.not_older_than(utc(later), utc(earlier), limits.ORDERED_MOSTLY[later])
    if table.change_feed and table.key is not None:
        # Exact repeats of a version are valid (the warehouse picks one); wholesale repeats
        # mean the export was replayed. A row without its key or version names no version
        # (the contract's not-null checks count it), so it is no repeat either.
        yield gxe.ExpectCompoundColumnsToBeUnique(
            column_list=[table.key, "updated_at"],
            ignore_row_if="any_value_is_missing",
            mostly=limits.VERSION_UNIQUE_MOSTLY,
        )
    if table.identifiers:
        # Rows without any identifier are quarantined (SPEC §2); most rows carry one.
        yield checks.in_set(HAS_IDENTIFIER, [True], mostly=limits.IDENTIFIED_ROW_MOSTLY)
    if table.name == "survey_nps":
        low, high = NPS_SCORE_RANGE
        yield checks.between(value("score"), low, high, mostly=limits.NPS_IN_RANGE_MOSTLY)


def suites(table: LandingTable) -> tuple[SuiteSpec, SuiteSpec]:
    contract_name, profile_name = f"raw_{table.name}", f"raw_{table.name}_profile"
    raw_suite = partial(
        SuiteSpec,
        layer="raw",
        table=table.name,
        prepare=partial(with_readings, table=table),
        derive=partial(sql_readings, table=table),
    )
    return (
        raw_suite(
            name=contract_name,
            severity="error",
            build_suite=lambda: checks.suite(contract_name, "error", contract(table)),
            description=(
                f"Landing contract of {table.name}: columns, required values, timestamps and "
                "numbers that parse, unique keys."
            ),
        ),
        raw_suite(
            name=profile_name,
            severity="warn",
            build_suite=lambda: checks.suite(profile_name, "warn", profile(table)),
            freshness_column=utc(freshness_column(table)),
            description=(
                f"Profile of {table.name}: volume against the previous run, freshness, "
                "email validity, vocabularies, orderings."
            ),
        ),
    )


# Erasure requests get no suite: their values name people, and a sample would keep them.
SUITES: tuple[SuiteSpec, ...] = tuple(
    spec for table in REGISTRY if not table.optional for spec in suites(table)
)
