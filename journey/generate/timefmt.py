"""ISO-8601 text for instants, in the mixed spellings real exports use.

Each value keeps its true instant in every spelling: a local time with an offset is shifted by
that offset, and a value without an offset is UTC, as the landing contract says.
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.generate.config import FRACTION_RATE, NULL_TS, SECOND, TIMESTAMP_VARIANT_RATE

# (suffix, offset in minutes, space instead of "T"); index 0 is the canonical spelling.
_SPELLINGS = (
    ("Z", 0, False),
    ("+02:00", 120, False),
    ("-05:00", -300, False),
    ("+05:30", 330, False),
    ("+01:00", 60, False),
    ("", 0, True),
    ("", 0, False),
    ("+00:00", 0, False),
)
_SUFFIXES = pa.array([spelling[0] for spelling in _SPELLINGS])
_OFFSETS = np.array([spelling[1] for spelling in _SPELLINGS], dtype=np.int64) * 60 * SECOND
_SPACED = np.array([spelling[2] for spelling in _SPELLINGS])


def with_fractions(rng: np.random.Generator, instants: np.ndarray) -> np.ndarray:
    """Give a few instants microseconds, as some trackers and databases record them."""
    instants = np.asarray(instants, dtype=np.int64)
    lucky = (rng.random(len(instants)) < FRACTION_RATE) & (instants != NULL_TS)
    return instants + np.where(lucky, rng.integers(1, SECOND, len(instants)), 0)


def format_instants(
    rng: np.random.Generator,
    instants: np.ndarray,
    canonical: np.ndarray | None = None,
) -> tuple[pa.Array, int]:
    """Spell instants as ISO-8601 text; returns the column and how many are not `...Z` form.

    `canonical` forces the plain spelling on chosen rows (rows meant to tie exactly).
    NULL_TS becomes null.
    """
    instants = np.asarray(instants, dtype=np.int64)
    size = len(instants)
    missing = instants == NULL_TS
    spelling = np.where(
        rng.random(size) < TIMESTAMP_VARIANT_RATE, rng.integers(1, len(_SPELLINGS), size), 0
    )
    spelling[missing] = 0
    if canonical is not None:
        spelling[canonical] = 0
    unusual = int(np.count_nonzero(((spelling != 0) | (instants % SECOND != 0)) & ~missing))
    return _spell(instants, spelling), unusual


def canonical_text(instants: np.ndarray) -> pa.Array:
    """The plain UTC spelling (`...Z`, fraction only when there is one); NULL_TS is null."""
    instants = np.asarray(instants, dtype=np.int64)
    return _spell(instants, np.zeros(len(instants), dtype=np.int64))


def _spell(instants: np.ndarray, spelling: np.ndarray) -> pa.Array:
    missing = instants == NULL_TS
    local = np.where(missing, 0, instants + _OFFSETS[spelling])
    seconds, micros = np.divmod(local, SECOND)
    # Arrow casts whole-second timestamps to "YYYY-MM-DD HH:MM:SS" far faster than strftime.
    spaced_clock = pa.array(seconds, type=pa.timestamp("s"), mask=missing).cast(pa.string())
    clock = pc.replace_substring(spaced_clock, " ", "T", max_replacements=1)
    spaced = _SPACED[spelling]
    if spaced.any():
        clock = pc.if_else(pa.array(spaced), spaced_clock, clock)
    parts = [clock]
    has_fraction = micros != 0
    if has_fraction.any():
        digits = pc.utf8_lpad(pa.array(micros).cast(pa.string()), width=6, padding="0")
        parts.append(
            pc.if_else(pa.array(has_fraction), pc.binary_join_element_wise(".", digits, ""), "")
        )
    parts.append(pc.take(_SUFFIXES, pa.array(spelling)))
    return pc.binary_join_element_wise(*parts, "")
