"""Web sessions of the persons of a chunk: when, on which device, and which events they hold.

A session is a few events minutes apart; sessions of one person are pushed apart so that at
least 45 minutes separate them, which a 30-minute inactivity timeout always splits.
"""

from dataclasses import dataclass

import numpy as np

from journey.generate import config as cfg
from journey.generate import vocab
from journey.generate.arrays import first_per_group, group_cumsum, group_running_max, ragged
from journey.generate.people import People, exp_duration, whole_seconds

# Session kinds and the milestone events each one holds after its leading page views.
BROWSE, SIGNUP, DEMO, ORDER, CART, CHECKOUT, REVIEW = range(7)
# Event codes index journey.contract.EVENT_NAMES, in the order the contract lists them.
(
    PAGE_VIEW,
    SIGNUP_EVENT,
    LOGIN_EVENT,
    DEMO_EVENT,
    CART_EVENT,
    CHECKOUT_EVENT,
    ORDER_EVENT,
    REVIEW_EVENT,
) = range(8)
_MILESTONES = (
    (),
    (SIGNUP_EVENT,),
    (DEMO_EVENT,),
    (CART_EVENT, CHECKOUT_EVENT, ORDER_EVENT),
    (CART_EVENT,),
    (CART_EVENT, CHECKOUT_EVENT),
    (REVIEW_EVENT,),
)
MILESTONE_TABLE = np.array([m + (-1,) * (3 - len(m)) for m in _MILESTONES], dtype=np.int64)
MILESTONE_COUNT = np.array([len(m) for m in _MILESTONES], dtype=np.int64)
SESSION_GAP = 45 * cfg.MINUTE
KIOSK_DEVICE = 2


@dataclass
class Sessions:
    person: np.ndarray
    kind: np.ndarray
    start: np.ndarray
    device: np.ndarray  # 0 first device, 1 second device, 2 a shared kiosk
    kiosk: np.ndarray  # local kiosk index for device 2, else -1
    ref: np.ndarray  # planned order index for ORDER sessions, else -1
    login: np.ndarray
    channel: np.ndarray
    n_pre: np.ndarray
    n_post: np.ndarray
    kiosk_count: int
    kiosk_members: np.ndarray


@dataclass
class Layout:
    """Events of the sessions: owning session, event code and instant (whole seconds)."""

    session: np.ndarray
    code: np.ndarray
    position: np.ndarray
    at: np.ndarray


def _part(person, kind, start, device=None, ref=None, login=None, kiosk=None, first=None) -> dict:
    size = len(person)
    return {
        "person": np.asarray(person, dtype=np.int64),
        "kind": np.full(size, kind, dtype=np.int64) if np.isscalar(kind) else np.asarray(kind),
        "start": np.asarray(start, dtype=np.int64),
        "device": np.zeros(size, dtype=np.int64) if device is None else np.asarray(device),
        "ref": np.full(size, -1, dtype=np.int64) if ref is None else np.asarray(ref),
        "login": np.zeros(size, dtype=bool) if login is None else np.asarray(login),
        "kiosk": np.full(size, -1, dtype=np.int64) if kiosk is None else np.asarray(kiosk),
        "first": np.zeros(size, dtype=bool) if first is None else np.asarray(first),
    }


def _after(rng: np.random.Generator, base: np.ndarray, mean: float) -> np.ndarray:
    """A planned instant some time after base, kept within the planning window."""
    planned = base + 2 * cfg.HOUR + exp_duration(rng, mean, len(base))
    return np.minimum(planned, np.maximum(cfg.PLAN_END, base + 2 * cfg.HOUR))


def _kiosks(rng: np.random.Generator, people: People) -> tuple[dict, int, np.ndarray]:
    """Family computers and shop kiosks: 4-6 signed-up persons each log in on one device."""
    pool = np.flatnonzero(people.signup_mode > 0)
    wanted = max(1, round(people.size * cfg.KIOSK_RATE))
    sizes = rng.integers(4, 7, wanted)
    count = int(np.searchsorted(np.cumsum(sizes), len(pool), side="right"))
    sizes = sizes[:count]
    members = rng.permutation(pool)[: int(sizes.sum())]
    kiosk_of_member = np.repeat(np.arange(count), sizes)
    visits = rng.integers(1, 3, len(members))
    member, _ = ragged(visits)
    person = members[member]
    start = _after(rng, people.signup_plan[person], 20 * cfg.DAY)
    part = _part(
        person,
        BROWSE,
        start,
        device=np.full(len(person), KIOSK_DEVICE),
        login=np.ones(len(person), dtype=bool),
        kiosk=kiosk_of_member[member],
    )
    return part, count, members


def plan_sessions(rng: np.random.Generator, people: People) -> Sessions:
    """Every session the persons will have, sorted by person and time."""
    n = people.size
    everyone = np.arange(n)
    signed = people.signup_mode > 0
    parts = [
        _part(
            everyone,
            np.where(np.isin(people.signup_mode, (1, 2)), SIGNUP, BROWSE),
            people.first_visit,
            first=np.ones(n, dtype=bool),
        ),
        _part(
            np.flatnonzero(people.signup_mode == 3),
            SIGNUP,
            people.signup_plan[people.signup_mode == 3],
        ),
    ]
    browse_count = rng.poisson(np.where(people.b2b, 3.0, 2.2))
    browser, _ = ragged(browse_count)
    browse_start = (
        people.first_visit[browser] + cfg.HOUR + exp_duration(rng, 21 * cfg.DAY, len(browser))
    )
    on_second = (people.devices[browser] == 2) & (rng.random(len(browser)) < 0.45)
    keep = browse_start <= cfg.PLAN_END
    parts.append(
        _part(browser[keep], BROWSE, browse_start[keep], device=on_second[keep].astype(np.int64))
    )

    # A person with a second device logs in there at least once, which links that device.
    second = np.flatnonzero(people.devices == 2)
    parts.append(
        _part(
            second,
            BROWSE,
            _after(rng, people.signup_plan[second], 5 * cfg.DAY),
            device=np.ones(len(second), dtype=np.int64),
        )
    )
    demo = np.flatnonzero(people.demo_plan != cfg.NULL_TS)
    parts.append(_part(demo, DEMO, people.demo_plan[demo]))
    parts.append(
        _part(
            people.order_person, ORDER, people.order_plan, ref=np.arange(len(people.order_person))
        )
    )
    cart = np.flatnonzero(people.cart_plan != cfg.NULL_TS)
    parts.append(
        _part(cart, np.where(rng.random(len(cart)) < 0.5, CART, CHECKOUT), people.cart_plan[cart])
    )
    review = np.flatnonzero(people.review_plan != cfg.NULL_TS)
    parts.append(_part(review, REVIEW, people.review_plan[review]))
    kiosk_part, kiosk_count, kiosk_members = _kiosks(rng, people)
    parts.append(kiosk_part)

    merged = {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    # The first-visit session sorts first on a tie, so it stays the person's first session.
    order = np.lexsort((~merged["first"], merged["start"], merged["person"]))
    s = {key: value[order] for key, value in merged.items()}
    size = len(order)

    signup_start = np.full(n, np.iinfo(np.int64).max)
    is_signup = s["kind"] == SIGNUP
    signup_start[s["person"][is_signup]] = s["start"][is_signup]
    after_signup = signed[s["person"]] & (s["start"] > signup_start[s["person"]])
    login = s["login"] | (after_signup & (s["kind"] == BROWSE) & (rng.random(size) < 0.3))
    # Logging in is what attaches the second device to the account, so its first visit after
    # signing up starts with a login.
    first_on_second = first_per_group(s["person"], after_signup & (s["device"] == 1), n)
    login[first_on_second[first_on_second >= 0]] = True

    kind = s["kind"]
    direct = (kind == SIGNUP) & s["first"] & (people.signup_mode[s["person"]] == 1)
    n_pre = np.select(
        [kind == BROWSE, kind == REVIEW, direct],
        [1 + np.minimum(rng.poisson(2.5, size), 14), rng.poisson(1.0, size), 0],
        1 + rng.poisson(1.5, size),
    )
    n_post = np.where(kind == BROWSE, 0, rng.poisson(np.where(kind == SIGNUP, 1.5, 0.6)))
    first_channel = rng.choice(len(vocab.CHANNELS), size=size, p=vocab.FIRST_VISIT_CHANNEL_P)
    return_channel = rng.choice(len(vocab.CHANNELS), size=size, p=vocab.RETURN_VISIT_CHANNEL_P)
    return Sessions(
        person=s["person"],
        kind=kind,
        start=s["start"],
        device=s["device"],
        kiosk=s["kiosk"],
        ref=s["ref"],
        login=login,
        channel=np.where(s["first"], first_channel, return_channel),
        n_pre=n_pre,
        n_post=n_post,
        kiosk_count=kiosk_count,
        kiosk_members=kiosk_members,
    )


def lay_out(rng: np.random.Generator, sessions: Sessions) -> Layout:
    """Place every event of every session in time and push overlapping sessions apart.

    Updates sessions.start to the final session starts.
    """
    login = sessions.login.astype(np.int64)
    milestones = MILESTONE_COUNT[sessions.kind]
    counts = login + sessions.n_pre + milestones + sessions.n_post
    parent, position = ragged(counts)
    after_login = position - login[parent]
    in_milestone = after_login - sessions.n_pre[parent]
    is_milestone = (in_milestone >= 0) & (in_milestone < milestones[parent])
    code = np.where(
        after_login < 0,
        LOGIN_EVENT,
        np.where(
            is_milestone,
            MILESTONE_TABLE[sessions.kind[parent], np.clip(in_milestone, 0, 2)],
            PAGE_VIEW,
        ),
    )
    # Clicks are seconds to minutes apart, never near the 30-minute timeout.
    gaps = np.minimum(
        15 * cfg.SECOND + exp_duration(rng, 75 * cfg.SECOND, len(parent)), 20 * cfg.MINUTE
    )
    gaps[position == 0] = 0
    offset = group_cumsum(gaps, parent)
    duration = offset[np.cumsum(counts) - 1]

    # Work in whole seconds so the grouped running maximum stays exact at any scale.
    start = sessions.start // cfg.SECOND
    need = (duration + SESSION_GAP) // cfg.SECOND
    before = group_cumsum(need, sessions.person, exclusive=True)
    sessions.start = whole_seconds(
        (group_running_max(start - before, sessions.person) + before) * cfg.SECOND
    )
    return Layout(session=parent, code=code, position=position, at=sessions.start[parent] + offset)
