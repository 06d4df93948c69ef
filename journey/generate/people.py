"""Who the persons of a chunk are and what their journeys are meant to look like.

The plan holds intentions (planned times, flags); the web and CRM builders turn them into rows,
and the truth is read back from those rows, never from this plan.
"""

import unicodedata
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from journey.generate import config as cfg
from journey.generate import vocab
from journey.generate.arrays import group_cumsum, ragged


def whole_seconds(values: np.ndarray) -> np.ndarray:
    """Round microsecond durations or instants down to whole seconds (fractions come later)."""
    return (np.asarray(values, dtype=np.int64) // cfg.SECOND) * cfg.SECOND


def exp_duration(rng: np.random.Generator, mean: float, size: int) -> np.ndarray:
    """Exponentially distributed durations in whole seconds (microsecond units)."""
    return whole_seconds(rng.exponential(mean, size))


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


@dataclass
class Accounts:
    """B2B companies the persons of a chunk work for (local index 0..size-1)."""

    size: int
    name: list[str]
    domain: list[str]
    industry: np.ndarray
    employees: np.ndarray
    eur: np.ndarray


@dataclass
class People:
    size: int
    number: np.ndarray  # global person number, 1-based
    b2b: np.ndarray
    first_name: list[str]
    last_name: list[str]
    email: pa.Array  # normalised primary email
    account: np.ndarray  # local account index, -1 for consumers
    accounts: Accounts
    accounts_first: int  # global number of local account 0
    eur: np.ndarray
    first_visit: np.ndarray
    signup_mode: np.ndarray  # 0 never, 1 signup is the first event, 2 in first session, 3 later
    signup_plan: np.ndarray
    demo_plan: np.ndarray
    devices: np.ndarray
    wants_contact: np.ndarray
    order_person: np.ndarray  # one entry per planned order
    order_plan: np.ndarray
    cart_plan: np.ndarray
    review_plan: np.ndarray


def _accounts(
    rng: np.random.Generator, b2b_count: int, first_account: int
) -> tuple[Accounts, np.ndarray]:
    """Group B2B persons into companies of one to five people."""
    sizes = np.minimum(rng.geometric(0.55, size=max(b2b_count, 1)), 5)
    ends = np.cumsum(sizes)
    count = int(np.searchsorted(ends, b2b_count) + 1) if b2b_count else 0
    membership = np.repeat(np.arange(count), sizes[:count])[:b2b_count]
    words = rng.integers(0, len(vocab.COMPANY_WORDS), count)
    kinds = rng.integers(0, len(vocab.COMPANY_KINDS), count)
    suffixes = rng.integers(0, len(vocab.COMPANY_SUFFIXES), count)
    names, domains = [], []
    for local, (word, kind, suffix) in enumerate(zip(words, kinds, suffixes, strict=True)):
        base = f"{vocab.COMPANY_WORDS[word]} {vocab.COMPANY_KINDS[kind]}"
        names.append(base + vocab.COMPANY_SUFFIXES[suffix])
        # The account number keeps every company domain (and so every email) unique.
        domains.append(f"{_slug(base)}{first_account + local}.com")
    accounts = Accounts(
        size=count,
        name=names,
        domain=domains,
        industry=rng.integers(0, len(vocab.INDUSTRIES), count),
        employees=np.round(rng.lognormal(4.0, 1.2, count)).astype(np.int64) + 2,
        eur=rng.random(count) < cfg.EUR_RATE_B2B,
    )
    return accounts, membership


def _emails(
    rng: np.random.Generator,
    people_number: np.ndarray,
    first: list[str],
    last: list[str],
    b2b: np.ndarray,
    account: np.ndarray,
    accounts: Accounts,
) -> list[str]:
    """Unique normalised emails: the person number in the local part rules out collisions."""
    pattern = rng.integers(0, 4, len(people_number))
    domain = rng.integers(0, len(vocab.FREE_MAIL_DOMAINS), len(people_number))
    blocklisted = rng.random(len(people_number)) < cfg.BLOCKLISTED_PERSON_RATE
    test_style = rng.integers(0, 2, len(people_number))
    emails = []
    for i, number in enumerate(people_number):
        f, lname = _slug(first[i]), _slug(last[i])
        if blocklisted[i]:
            # QA and test sign-ups: what the blocklist seed is there to drop.
            emails.append(
                f"test@{lname}{number}.io" if test_style[i] else f"{f}.{lname}{number}@example.com"
            )
            continue
        if b2b[i]:
            emails.append(f"{f}.{lname}{number}@{accounts.domain[account[i]]}")
            continue
        local = (
            f"{f}.{lname}{number}",
            f"{f}{lname}{number}",
            f"{f[0]}{lname}{number}",
            f"{f}_{lname}{number}",
        )[pattern[i]]
        emails.append(f"{local}@{vocab.FREE_MAIL_DOMAINS[domain[i]]}")
    return emails


def plan_people(
    rng: np.random.Generator, first_number: int, size: int, first_account: int
) -> People:
    """Draw the persons numbered first_number.. and the milestones their journeys aim for."""
    number = np.arange(first_number, first_number + size, dtype=np.int64)
    b2b = rng.random(size) < cfg.B2B_SHARE
    first_idx = rng.integers(0, len(vocab.FIRST_NAMES), size)
    last_idx = rng.integers(0, len(vocab.LAST_NAMES), size)
    first = [vocab.FIRST_NAMES[i] for i in first_idx]
    last = [vocab.LAST_NAMES[i] for i in last_idx]

    accounts, membership = _accounts(rng, int(b2b.sum()), first_account)
    account = np.full(size, -1, dtype=np.int64)
    account[b2b] = membership
    eur = np.where(
        b2b,
        accounts.eur[np.maximum(account, 0)] if accounts.size else False,
        rng.random(size) < cfg.EUR_RATE_B2C,
    )
    email = pa.array(_emails(rng, number, first, last, b2b, account, accounts), type=pa.string())

    first_visit = whole_seconds(cfg.START + rng.random(size) * (cfg.FIRST_VISIT_END - cfg.START))

    signs = rng.random(size) < np.where(b2b, cfg.SIGNUP_RATE_B2B, cfg.SIGNUP_RATE_B2C)
    mode = rng.choice([1, 2, 3], size=size, p=cfg.SIGNUP_MODE_P)
    later = cfg.HOUR + exp_duration(rng, 6 * cfg.DAY, size)
    signup_plan = np.where(mode == 3, first_visit + later, first_visit)
    signs &= signup_plan <= cfg.PLAN_END
    signup_mode = np.where(signs, mode, 0).astype(np.int8)
    signup_plan = np.where(signs, signup_plan, cfg.NULL_TS)

    demo = b2b & (rng.random(size) < cfg.DEMO_RATE_B2B)
    demo_plan = (
        np.maximum(first_visit, signup_plan)
        + 30 * cfg.MINUTE
        + exp_duration(rng, 4 * cfg.DAY, size)
    )
    demo &= demo_plan <= cfg.PLAN_END
    demo_plan = np.where(demo, demo_plan, cfg.NULL_TS)

    # Only signed-up persons can be recognised on a second device (by logging in there).
    devices = np.where(signs & (rng.random(size) < cfg.SECOND_DEVICE_RATE), 2, 1)
    wants_contact = (signs & (rng.random(size) < cfg.CONTACT_RATE_SIGNUP)) | demo

    buyer = ~b2b & signs & (rng.random(size) < cfg.BUYER_RATE_B2C_SIGNUP)
    guest = ~b2b & ~signs & (rng.random(size) < cfg.GUEST_BUYER_RATE)
    repeats = np.minimum(rng.geometric(1 - cfg.REPEAT_ORDER_P, size) - 1, cfg.MAX_ORDERS - 1)
    order_count = np.where(buyer, 1 + repeats, np.where(guest, 1, 0))
    order_person, position = ragged(order_count)
    first_gap = 10 * cfg.MINUTE + exp_duration(rng, 8 * cfg.DAY, len(order_person))
    repeat_gap = cfg.DAY + exp_duration(rng, 45 * cfg.DAY, len(order_person))
    gaps = np.where(position == 0, first_gap, repeat_gap)
    base = np.where(signs, signup_plan, first_visit)[order_person]
    order_plan = base + group_cumsum(gaps, order_person)
    kept = order_plan <= cfg.PLAN_END
    order_person, order_plan = order_person[kept], order_plan[kept]

    cart = ~b2b & (rng.random(size) < cfg.ABANDONED_CART_RATE)
    cart_plan = first_visit + 30 * cfg.MINUTE + exp_duration(rng, 12 * cfg.DAY, size)
    cart_plan = np.where(cart & (cart_plan <= cfg.PLAN_END), cart_plan, cfg.NULL_TS)

    first_order = np.full(size, cfg.NULL_TS, dtype=np.int64)
    is_first = np.ones(len(order_person), dtype=bool)
    is_first[1:] = order_person[1:] != order_person[:-1]
    first_order[order_person[is_first]] = order_plan[is_first]
    review_plan = first_order + 2 * cfg.DAY + exp_duration(rng, 10 * cfg.DAY, size)
    reviews = (first_order != cfg.NULL_TS) & signs & (rng.random(size) < cfg.REVIEW_RATE)
    review_plan = np.where(reviews & (review_plan <= cfg.PLAN_END), review_plan, cfg.NULL_TS)

    return People(
        size=size,
        number=number,
        b2b=b2b,
        first_name=first,
        last_name=last,
        email=email,
        account=account,
        accounts=accounts,
        accounts_first=first_account,
        eur=np.asarray(eur, dtype=bool),
        first_visit=first_visit,
        signup_mode=signup_mode,
        signup_plan=signup_plan,
        demo_plan=demo_plan,
        devices=devices,
        wants_contact=wants_contact,
        order_person=order_person,
        order_plan=order_plan,
        cart_plan=cart_plan,
        review_plan=review_plan,
    )
