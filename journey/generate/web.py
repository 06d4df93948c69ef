"""web_events: what the tracking pixel delivers, with at-least-once delivery, late and
clock-skewed arrivals; plus what the web tables say about each person."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.contract import EVENT_NAMES
from journey.generate import config as cfg
from journey.generate.arrays import hex_ids, min_per_group, numbered, pick, uuid_like
from journey.generate.events import AGENTS, OPTIONS, URLS, bot_events, concat_events, person_events
from journey.generate.identifies import build_identifies
from journey.generate.ledger import Ledger
from journey.generate.people import People, exp_duration, whole_seconds
from journey.generate.schema import table
from journey.generate.sessions import (
    DEMO_EVENT,
    KIOSK_DEVICE,
    LOGIN_EVENT,
    ORDER_EVENT,
    SIGNUP_EVENT,
    Layout,
    Sessions,
)
from journey.generate.timefmt import format_instants, with_fractions
from journey.generate.vocab import SITE

# Traffic options without any source, medium or referrer: direct visits.
DIRECT_OPTIONS = np.array([i for i, o in enumerate(OPTIONS) if not any(o)], dtype=np.int64)
INTERNAL_REFERRER_EVERY = 8  # one direct session start in eight, by session number


@dataclass
class WebFacts:
    """What the web tables say, per person of the chunk (instants as written, true time)."""

    user_number: np.ndarray  # -1 when the person never signed up
    signup_at: np.ndarray
    demo_at: np.ndarray
    order_at: np.ndarray  # per planned order: when its checkout completed
    first_event_at: np.ndarray  # effective event time, as the warehouse will compute it
    anonymous_before_signup: np.ndarray
    anon_numbers: list[np.ndarray]  # per device slot, -1 where unused
    first_channel: np.ndarray
    anon_used: int  # anonymous id numbers consumed by this chunk


def build_web(
    rng: np.random.Generator,
    people: People,
    sessions: Sessions,
    layout: Layout,
    anon_first: int,
    user_first: int,
    seed: int,
    ledger: Ledger,
) -> tuple[pa.Table, pa.Table, WebFacts]:
    n = people.size
    human, anon_numbers, used = person_events(rng, people, sessions, layout, anon_first)
    bots, bot_count = bot_events(rng, people, anon_first + used, len(sessions.person))
    ev = concat_events(human, bots)
    is_human = ev.person >= 0
    hp = np.maximum(ev.person, 0)

    signed = people.signup_mode > 0
    user_number = np.where(signed, user_first + np.cumsum(signed) - 1, -1)
    signup_at = min_per_group(
        n, human.person[human.code == SIGNUP_EVENT], human.at[human.code == SIGNUP_EVENT]
    )
    second_login = (human.code == LOGIN_EVENT) & (human.device == 1)
    second_login_at = min_per_group(n, human.person[second_login], human.at[second_login])
    has_user = (
        is_human
        & signed[hp]
        & (
            (ev.device == KIOSK_DEVICE)
            | ((ev.device == 0) & (ev.at >= signup_at[hp]))
            | (
                (ev.device == 1)
                & (second_login_at[hp] != cfg.NULL_TS)
                & (ev.at >= second_login_at[hp])
            )
        )
    )

    # Delivery: most events arrive within seconds; whole sessions arrive days late (offline
    # phones) or with a client clock running hours ahead.
    session_count = int(ev.session.max()) + 1 if len(ev.session) else 0
    late = rng.random(session_count) < cfg.LATE_SESSION_RATE
    skewed = ~late & (rng.random(session_count) < cfg.SKEWED_SESSION_RATE)
    late_by = np.where(late, cfg.DAY + whole_seconds(rng.random(session_count) * 9 * cfg.DAY), 0)
    skewed_by = np.where(
        skewed, 2 * cfg.HOUR + whole_seconds(rng.random(session_count) * 3 * cfg.DAY), 0
    )
    size = len(ev.at)
    true_at = with_fractions(rng, ev.at)
    received = with_fractions(
        rng, ev.at + rng.integers(1, 6, size) * cfg.SECOND + late_by[ev.session]
    )
    event_at = true_at + skewed_by[ev.session]
    event_id = uuid_like(rng, size)

    # At-least-once delivery: some events arrive again later with the same event_id.
    again = np.flatnonzero(rng.random(size) < cfg.DUPLICATE_EVENT_RATE)
    resent = with_fractions(
        rng,
        whole_seconds(received[again]) + 2 * cfg.SECOND + exp_duration(rng, cfg.HOUR, len(again)),
    )
    rows = np.concatenate([np.arange(size), again])
    received_all = np.concatenate([received, resent])
    order = np.argsort(received_all, kind="stable")
    rows = rows[order]
    received_all = received_all[order]
    event_at_all = event_at[rows]

    option = ev.option[rows]
    user = np.where(has_user[rows], user_number[hp[rows]], -1)
    # A direct visit that starts on one of the site's own pages (a bookmark of the cart, a tab
    # restored) carries the site's own URL as referrer: no referral (SPEC §3). Chosen by
    # session, so a repeated delivery of the event says the same.
    internal = np.isin(option, DIRECT_OPTIONS) & (ev.session[rows] % INTERNAL_REFERRER_EVERY == 0)
    referrer = pc.if_else(
        pa.array(internal), pa.scalar(f"{SITE}/cart"), pick([o[3] for o in OPTIONS], option)
    )
    event_at_text, odd_event_at = format_instants(rng, event_at_all)
    received_text, odd_received = format_instants(rng, received_all)
    events = table(
        "web_events",
        event_id=event_id.take(pa.array(rows)),
        anonymous_id=hex_ids("anon-", ev.anon[rows], seed),
        user_id=numbered("u", np.maximum(user, 0), 7, mask=user < 0),
        event_name=pick(EVENT_NAMES, ev.code[rows]),
        page_url=pick(URLS, ev.page[rows]),
        referrer=referrer,
        utm_source=pick([o[0] for o in OPTIONS], option),
        utm_medium=pick([o[1] for o in OPTIONS], option),
        utm_campaign=pick([o[2] for o in OPTIONS], option),
        user_agent=pick(AGENTS, ev.agent[rows]),
        event_at=event_at_text,
        received_at=received_text,
    )
    mess = ledger.mess
    mess["mixed_offsets"] += odd_event_at + odd_received
    mess["duplicate_event_ids"] += len(again)
    mess["internal_referrers"] += int(np.count_nonzero(internal))
    mess["late_events"] += int(np.count_nonzero(received_all - event_at_all >= cfg.DAY))
    mess["clock_skew_events"] += int(np.count_nonzero(event_at_all > received_all + cfg.HOUR))
    mess["bot_events"] += int(np.count_nonzero(ev.person[rows] < 0))

    # Shared devices: anonymous ids seen with more than three user ids.
    shared_pairs = np.unique(np.stack([ev.anon[has_user], user_number[hp[has_user]]]), axis=1)
    _, links = np.unique(shared_pairs[0], return_counts=True)
    mess["shared_devices"] += int(np.count_nonzero(links > 3))

    # Truth uses the effective time the contract defines (received_at when the clock is off).
    effective = np.where(event_at > received + cfg.HOUR, received, event_at)
    hm = is_human
    first_event_at = min_per_group(n, ev.person[hm], effective[hm])
    is_signup = hm & (ev.code == SIGNUP_EVENT)
    signup_effective = min_per_group(n, ev.person[is_signup], effective[is_signup])
    anonymous = (
        hm & ~has_user & (signup_effective[hp] != cfg.NULL_TS) & (effective < signup_effective[hp])
    )
    anonymous_before_signup = np.zeros(n, dtype=bool)
    anonymous_before_signup[ev.person[anonymous]] = True

    is_demo = hm & (ev.code == DEMO_EVENT)
    is_order = hm & (ev.code == ORDER_EVENT)
    order_at = np.full(len(people.order_person), cfg.NULL_TS, dtype=np.int64)
    order_at[sessions.ref[ev.session[is_order]]] = true_at[is_order]
    first_session = np.r_[True, sessions.person[1:] != sessions.person[:-1]]
    first_channel = np.zeros(n, dtype=np.int64)
    first_channel[sessions.person[first_session]] = sessions.channel[first_session]

    identifies = build_identifies(
        rng, people, ev, is_human, signed, user_number, true_at, seed, ledger
    )
    facts = WebFacts(
        user_number=user_number,
        signup_at=min_per_group(n, ev.person[is_signup], true_at[is_signup]),
        demo_at=min_per_group(n, ev.person[is_demo], true_at[is_demo]),
        order_at=order_at,
        first_event_at=first_event_at,
        anonymous_before_signup=anonymous_before_signup,
        anon_numbers=anon_numbers,
        first_channel=first_channel,
        anon_used=used + bot_count,
    )
    return events, identifies, facts
