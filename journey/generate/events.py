"""Web events before delivery: who did what, on which device, at which true instant."""

from dataclasses import dataclass, fields

import numpy as np

from journey.contract import EVENT_NAMES
from journey.generate import config as cfg
from journey.generate import vocab
from journey.generate.people import People, whole_seconds
from journey.generate.sessions import KIOSK_DEVICE, PAGE_VIEW, Layout, Sessions

_PATHS = vocab.B2C_PAGES + vocab.B2B_PAGES + tuple(vocab.MILESTONE_PATHS.values())
URLS = tuple(vocab.SITE + path for path in _PATHS)
_MILESTONE_PAGE = np.full(len(EVENT_NAMES), -1, dtype=np.int64)
for _code, _name in enumerate(EVENT_NAMES):
    if _name in vocab.MILESTONE_PATHS:
        _MILESTONE_PAGE[_code] = _PATHS.index(vocab.MILESTONE_PATHS[_name])
OPTIONS = [option for channel in vocab.CHANNELS for option in vocab.CHANNEL_SOURCES[channel]]
_OPTION_START = np.cumsum([0] + [len(vocab.CHANNEL_SOURCES[c]) for c in vocab.CHANNELS])[:-1]
_OPTION_COUNT = np.array([len(vocab.CHANNEL_SOURCES[c]) for c in vocab.CHANNELS])
AGENTS = vocab.DESKTOP_AGENTS + vocab.MOBILE_AGENTS + vocab.BOT_AGENTS
_MOBILE_START = len(vocab.DESKTOP_AGENTS)
_BOT_START = _MOBILE_START + len(vocab.MOBILE_AGENTS)


@dataclass
class Events:
    """One entry per tracked event (person -1 for bots); instants in whole seconds."""

    person: np.ndarray
    session: np.ndarray
    anon: np.ndarray
    agent: np.ndarray
    code: np.ndarray
    page: np.ndarray
    option: np.ndarray
    at: np.ndarray
    device: np.ndarray


def concat_events(*parts: Events) -> Events:
    """Events of several sources, one after the other."""
    columns = {f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Events)}
    return Events(**columns)


def person_events(
    rng: np.random.Generator, people: People, sessions: Sessions, layout: Layout, anon_first: int
) -> tuple[Events, list[np.ndarray], int]:
    """Events of the persons' sessions, with device ids, browsers, pages and traffic sources.

    Anonymous id numbers are handed out from anon_first: one per person, one per second
    device, one per kiosk. Returns the events, per person the anonymous id number of each
    device slot actually used (-1 otherwise) and how many numbers were handed out.
    """
    n = people.size
    second = people.devices == 2
    dev0 = anon_first + np.arange(n)
    dev1 = np.where(second, anon_first + n + np.cumsum(second) - 1, -1)
    kiosk_anon = anon_first + n + int(second.sum()) + np.arange(sessions.kiosk_count)
    used = n + int(second.sum()) + sessions.kiosk_count

    desktop_first = rng.random(n) < 0.65
    agent0 = np.where(
        desktop_first, rng.integers(0, _MOBILE_START, n), rng.integers(_MOBILE_START, _BOT_START, n)
    )
    agent1 = np.where(
        desktop_first, rng.integers(_MOBILE_START, _BOT_START, n), rng.integers(0, _MOBILE_START, n)
    )
    kiosk_agent = rng.integers(0, _MOBILE_START, max(sessions.kiosk_count, 1))

    p, d, k = sessions.person, sessions.device, np.maximum(sessions.kiosk, 0)
    session_anon = np.select(
        [d == 0, d == 1], [dev0[p], dev1[p]], kiosk_anon[k] if sessions.kiosk_count else -1
    )
    session_agent = np.select([d == 0, d == 1], [agent0[p], agent1[p]], kiosk_agent[k])
    option = _OPTION_START[sessions.channel] + (
        rng.random(len(p)) * _OPTION_COUNT[sessions.channel]
    ).astype(np.int64)

    s = layout.session
    person = p[s]
    code = layout.code
    page = np.where(
        people.b2b[person],
        len(vocab.B2C_PAGES) + rng.integers(0, len(vocab.B2B_PAGES), len(s)),
        rng.integers(0, len(vocab.B2C_PAGES), len(s)),
    )
    page = np.where(code == PAGE_VIEW, page, _MILESTONE_PAGE[code])
    events = Events(
        person=person,
        session=s,
        anon=session_anon[s],
        agent=session_agent[s],
        code=code,
        page=page,
        option=np.where(layout.position == 0, option[s], -1),
        at=layout.at,
        device=d[s],
    )
    kiosk_number = np.full(n, -1, dtype=np.int64)
    kiosk_sessions = d == KIOSK_DEVICE
    kiosk_number[p[kiosk_sessions]] = session_anon[kiosk_sessions]
    used_second = np.zeros(n, dtype=bool)
    used_second[p[d == 1]] = True
    anon_numbers = [dev0, np.where(used_second, dev1, -1), kiosk_number]
    return events, anon_numbers, used


def bot_events(
    rng: np.random.Generator, people: People, anon_first: int, session_first: int
) -> tuple[Events, int]:
    """Crawlers and headless browsers: many quick page views under their own anonymous ids."""
    bots = max(1, round(people.size * cfg.BOT_RATE))
    crawls = rng.integers(1, 3, bots)
    crawl_bot = np.repeat(np.arange(bots), crawls)
    pages_per_crawl = rng.integers(5, 26, len(crawl_bot))
    crawl = np.repeat(np.arange(len(crawl_bot)), pages_per_crawl)
    start = whole_seconds(cfg.START + rng.random(len(crawl_bot)) * (cfg.PLAN_END - cfg.START))
    gaps = rng.integers(1, 11, len(crawl)) * cfg.SECOND
    first = np.r_[True, crawl[1:] != crawl[:-1]]
    gaps[first] = 0
    offset = np.cumsum(gaps)
    offset -= np.repeat((offset - gaps)[first], pages_per_crawl)
    agent = _BOT_START + rng.integers(0, len(vocab.BOT_AGENTS), bots)
    size = len(crawl)
    events = Events(
        person=np.full(size, -1, dtype=np.int64),
        session=session_first + crawl,
        anon=anon_first + crawl_bot[crawl],
        agent=agent[crawl_bot[crawl]],
        code=np.full(size, PAGE_VIEW, dtype=np.int64),
        page=rng.integers(0, len(vocab.B2C_PAGES) + len(vocab.B2B_PAGES), size),
        option=np.full(size, -1, dtype=np.int64),
        at=start[crawl] + offset,
        device=np.full(size, -1, dtype=np.int64),
    )
    return events, bots
