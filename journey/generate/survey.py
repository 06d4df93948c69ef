"""survey_nps: Net Promoter Score answers from purchasers, matched by email only."""

import numpy as np
import pyarrow as pa

from journey.generate import config as cfg
from journey.generate import vocab
from journey.generate.arrays import numbered, pick
from journey.generate.ledger import Ledger
from journey.generate.people import People, exp_duration, whole_seconds
from journey.generate.schema import table
from journey.generate.spelling import spell_emails
from journey.generate.timefmt import format_instants, with_fractions

_BUCKETS = ("promoter", "passive", "detractor")
_COMMENTS = [comment for bucket in _BUCKETS for comment in vocab.NPS_COMMENTS[bucket]]
_COMMENT_START = np.cumsum([0] + [len(vocab.NPS_COMMENTS[b]) for b in _BUCKETS])[:-1]
_COMMENT_COUNT = np.array([len(vocab.NPS_COMMENTS[b]) for b in _BUCKETS])
_SCORE_LOW = np.array([9, 7, 0])
_SCORE_HIGH = np.array([10, 8, 6])


def build_survey(
    rng: np.random.Generator,
    people: People,
    first_purchase: np.ndarray,
    first_response: int,
    ledger: Ledger,
) -> pa.Table:
    buyers = np.flatnonzero(
        (first_purchase != cfg.NULL_TS) & (rng.random(people.size) < cfg.NPS_RATE)
    )
    first_at = (
        whole_seconds(first_purchase[buyers])
        + 14 * cfg.DAY
        + exp_duration(rng, 20 * cfg.DAY, len(buyers))
    )
    again = rng.random(len(buyers)) < cfg.SECOND_NPS_RATE
    second_at = first_at[again] + 90 * cfg.DAY + exp_duration(rng, 60 * cfg.DAY, int(again.sum()))
    person = np.concatenate([buyers, buyers[again]])
    at = np.concatenate([first_at, second_at])
    kept = at < cfg.END
    person, at = person[kept], with_fractions(rng, at[kept])
    order = np.argsort(at, kind="stable")
    person, at = person[order], at[order]

    size = len(person)
    bucket = rng.choice(len(_BUCKETS), size=size, p=cfg.NPS_BUCKET_P)
    score = rng.integers(_SCORE_LOW[bucket], _SCORE_HIGH[bucket] + 1)
    comment = _COMMENT_START[bucket] + (rng.random(size) * _COMMENT_COUNT[bucket]).astype(np.int64)
    comment = np.where(rng.random(size) < 0.45, comment, -1)
    emails, invalid = spell_emails(rng, people.email.take(pa.array(person)))
    ledger.own_emails(person, np.ones(size, dtype=bool), invalid)
    responded_text, odd = format_instants(rng, at)
    ledger.mess["mixed_offsets"] += odd
    return table(
        "survey_nps",
        response_id=numbered("R", first_response + np.arange(size), 7),
        email=emails,
        score=pa.array(score).cast(pa.string()),
        comment=pick(_COMMENTS, comment),
        responded_at=responded_text,
    )
