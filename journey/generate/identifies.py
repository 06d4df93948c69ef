"""web_identifies: the identify calls that tie anonymous ids to users and emails."""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.generate import config as cfg
from journey.generate.arrays import hex_ids, numbered
from journey.generate.events import Events
from journey.generate.ledger import Ledger
from journey.generate.people import People, whole_seconds
from journey.generate.schema import table
from journey.generate.sessions import DEMO_EVENT, LOGIN_EVENT, ORDER_EVENT, SIGNUP_EVENT
from journey.generate.spelling import spell_emails
from journey.generate.timefmt import format_instants, with_fractions


def build_identifies(
    rng: np.random.Generator,
    people: People,
    ev: Events,
    is_human: np.ndarray,
    signed: np.ndarray,
    user_number: np.ndarray,
    true_at: np.ndarray,
    seed: int,
    ledger: Ledger,
) -> pa.Table:
    """Identify calls: at signup and every login (with user_id), and anonymous ones carrying
    only an email when a visitor books a demo or checks out as a guest."""
    hp = np.maximum(ev.person, 0)
    with_user = is_human & ((ev.code == SIGNUP_EVENT) | (ev.code == LOGIN_EVENT))
    email_only = is_human & ~signed[hp] & ((ev.code == DEMO_EVENT) | (ev.code == ORDER_EVENT))
    rows = np.flatnonzero(with_user | email_only)
    person = ev.person[rows]
    user = np.where(with_user[rows], user_number[person], -1)
    # Logins sometimes identify without traits; signups and anonymous calls always carry one.
    has_email = ~((ev.code[rows] == LOGIN_EVENT) & (rng.random(len(rows)) < 0.15))
    written, invalid = spell_emails(rng, people.email.take(pa.array(person)))
    invalid &= has_email
    ledger.own_emails(person, has_email, invalid)
    identified_at = with_fractions(rng, whole_seconds(true_at[rows]) + cfg.SECOND)
    order = np.argsort(identified_at, kind="stable")
    identified_text, odd = format_instants(rng, identified_at[order])
    ledger.mess["mixed_offsets"] += odd
    email_column = pc.if_else(
        pa.array(has_email[order]), written.take(pa.array(order)), pa.scalar(None, pa.string())
    )
    return table(
        "web_identifies",
        anonymous_id=hex_ids("anon-", ev.anon[rows][order], seed),
        user_id=numbered("u", np.maximum(user[order], 0), 7, mask=user[order] < 0),
        email=email_column,
        identified_at=identified_text,
    )
