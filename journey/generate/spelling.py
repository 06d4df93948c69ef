"""How clean values get spelled in the exports: email case and spaces, broken emails,
boolean and currency spellings, and categorical values in odd case."""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.generate.arrays import pick
from journey.generate.config import (
    CATEGORY_VARIANT_RATE,
    CURRENCY_VARIANT_RATE,
    EMAIL_VARIANT_RATE,
    INVALID_EMAIL_RATE,
)

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"  # one @ and a dot after it, as the contract says

# Case transformation and padding; every variant differs from the normalised value.
_EMAIL_PADDING = (("", ""), (" ", ""), ("", " "), (" ", "  "), ("  ", " "))


def spell_emails(
    rng: np.random.Generator, emails: pa.Array, allow_invalid: bool = True
) -> tuple[pa.Array, np.ndarray]:
    """Write normalised emails as people type them; returns the column and an invalid mask.

    Most stay as they are; some get mixed case or surrounding spaces; a few are broken in the
    ways forms break them (no @, two @, no dot after the @, nothing after the @).
    """
    size = len(emails)
    if size == 0:
        return emails, np.zeros(0, dtype=bool)
    draw = rng.random(size)
    invalid = (draw < INVALID_EMAIL_RATE) & np.asarray(emails.is_valid()) & allow_invalid
    variant = (draw >= INVALID_EMAIL_RATE) & (draw < INVALID_EMAIL_RATE + EMAIL_VARIANT_RATE)

    case = np.where(variant, rng.integers(0, 3, size), 0)  # 0 as is, 1 capitalised, 2 upper
    padding = np.where(variant, rng.integers(0, len(_EMAIL_PADDING), size), 0)
    padding[variant & (case == 0)] = rng.integers(
        1, len(_EMAIL_PADDING), int((variant & (case == 0)).sum())
    )
    cased = pc.choose(
        pa.array(case.astype(np.int8)), emails, pc.utf8_capitalize(emails), pc.utf8_upper(emails)
    )
    written = pc.binary_join_element_wise(
        pick([p[0] for p in _EMAIL_PADDING], padding),
        cased,
        pick([p[1] for p in _EMAIL_PADDING], padding),
        "",
    )

    breakage = rng.integers(0, 4, size)
    broken = pc.choose(
        pa.array(breakage.astype(np.int8)),
        pc.replace_substring(emails, "@", "."),
        pc.replace_substring(emails, "@", "@@"),
        pc.replace_substring_regex(emails, pattern=r"@([^.@]+)\..*$", replacement=r"@\1"),
        pc.replace_substring_regex(emails, pattern=r"@.*$", replacement="@"),
    )
    written = pc.if_else(pa.array(invalid), broken, written)
    return written, invalid


# Spellings of booleans seen in CRM exports; the contract reads true/t/1/yes as true.
TRUE_SPELLINGS = ("true", "true", "true", "t", "1", "yes", "TRUE", " Yes ")
FALSE_SPELLINGS = ("false", "false", "false", "f", "0", "no", None)


def spell_flags(rng: np.random.Generator, flags: np.ndarray) -> pa.Array:
    """Booleans as text, spelled variously."""
    flags = np.asarray(flags, dtype=bool)
    true_text = pick(TRUE_SPELLINGS, rng.integers(0, len(TRUE_SPELLINGS), len(flags)))
    false_text = pick(FALSE_SPELLINGS, rng.integers(0, len(FALSE_SPELLINGS), len(flags)))
    return pc.if_else(pa.array(flags), true_text, false_text)


def spell_currency(rng: np.random.Generator, is_eur: np.ndarray) -> pa.Array:
    """ISO currency codes, mostly upper case, sometimes lower case or padded."""
    is_eur = np.asarray(is_eur, dtype=bool)
    odd = rng.random(len(is_eur)) < CURRENCY_VARIANT_RATE
    form = np.where(odd, rng.integers(1, 4, len(is_eur)), 0)
    index = form * 2 + is_eur
    return pick(("USD", "EUR", "usd", "eur", " USD", " eur", "Usd ", "Eur "), index)


def vary_case(
    rng: np.random.Generator, values: pa.Array, rate: float = CATEGORY_VARIANT_RATE
) -> pa.Array:
    """Categorical values occasionally in upper/title case or padded; they still match once
    trimmed and lower-cased, so the meaning of the row never changes."""
    size = len(values)
    form = np.where(rng.random(size) < rate, rng.integers(1, 4, size), 0)
    variants = pc.choose(
        pa.array(form.astype(np.int8)),
        values,
        pc.utf8_upper(values),
        pc.utf8_capitalize(values),
        pc.binary_join_element_wise(" ", values, " ", ""),
    )
    return variants
