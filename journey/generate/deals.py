"""crm_deals: B2B deals moving through the pipeline, one row per stage change."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.generate import config as cfg
from journey.generate import vocab
from journey.generate.arrays import group_cumsum, min_per_group, money, numbered, pick, ragged
from journey.generate.contacts_ids import ContactIds
from journey.generate.ledger import Ledger
from journey.generate.people import People, exp_duration, whole_seconds
from journey.generate.schema import table
from journey.generate.spelling import spell_currency, vary_case
from journey.generate.timefmt import format_instants, with_fractions
from journey.generate.versions import count_changes, last_rows

STAGES = (*vocab.OPEN_DEAL_STAGES, "closed_won", "closed_lost")
WON, LOST = len(vocab.OPEN_DEAL_STAGES), len(vocab.OPEN_DEAL_STAGES) + 1
# How some CRM users see open stages; open stages match no rule, so the label is harmless.
_OPEN_LABELS = (
    "Appointment Scheduled",
    "Qualified To Buy",
    "Presentation Scheduled",
    "Decision Maker Bought-In",
    "Contract Sent",
)


@dataclass
class DealFacts:
    table: pa.Table
    first_created: np.ndarray  # per person, NULL_TS without a deal
    first_won: np.ndarray  # per person: earliest closed_at of a deal whose latest stage is won
    count: int


@dataclass
class _Versions:
    deal: np.ndarray
    stage: np.ndarray
    at: np.ndarray
    closing: np.ndarray


def _walk(rng: np.random.Generator, created: np.ndarray, outcome: np.ndarray) -> _Versions:
    """Stage changes: 1-5 open stages, then closed_won / closed_lost unless still open."""
    size = len(created)
    open_steps = rng.integers(1, len(vocab.OPEN_DEAL_STAGES) + 1, size)
    closes = outcome < 2
    deal, position = ragged(open_steps + closes)
    stage = np.where(position < open_steps[deal], position, np.where(outcome[deal] == 0, WON, LOST))
    gaps = cfg.DAY + exp_duration(rng, 8 * cfg.DAY, len(deal))
    gaps[position == 0] = 0
    at = created[deal] + group_cumsum(gaps, deal)
    keep = (position == 0) | (at < cfg.END)
    deal, stage, at = deal[keep], stage[keep], at[keep]
    return _Versions(deal=deal, stage=stage, at=at, closing=stage >= WON)


def build_deals(
    rng: np.random.Generator,
    people: People,
    contacts: ContactIds,
    demo_at: np.ndarray,
    first_deal: int,
    ledger: Ledger,
) -> DealFacts:
    n = people.size
    owner = np.flatnonzero(
        contacts.has_contact & (demo_at != cfg.NULL_TS) & (rng.random(n) < cfg.DEAL_RATE)
    )
    created = whole_seconds(demo_at[owner]) + cfg.DAY + exp_duration(rng, 2 * cfg.DAY, len(owner))
    outcome = rng.choice(3, size=len(owner), p=cfg.DEAL_OUTCOME_P)
    first = _walk(rng, created, outcome)

    # Some won customers buy more later: an expansion deal for the same account.
    won_last = last_rows(first.deal) & (first.stage == WON)
    won_deal = first.deal[won_last]
    expand = won_deal[rng.random(len(won_deal)) < cfg.EXPANSION_DEAL_RATE]
    expand_created = first.at[won_last][np.isin(won_deal, expand)] + 30 * cfg.DAY
    expand_created += exp_duration(rng, 60 * cfg.DAY, len(expand))
    fits = expand_created <= cfg.PLAN_END
    expand, expand_created = expand[fits], expand_created[fits]
    second = _walk(rng, expand_created, rng.choice(3, size=len(expand), p=(0.6, 0.2, 0.2)))

    deal_person = np.concatenate([owner, owner[expand]])
    deal_created = np.concatenate([created, expand_created])
    v = _Versions(
        deal=np.concatenate([first.deal, second.deal + len(owner)]),
        stage=np.concatenate([first.stage, second.stage]),
        at=np.concatenate([first.at, second.at]),
        closing=np.concatenate([first.closing, second.closing]),
    )
    count = len(deal_person)
    person = deal_person[v.deal]
    created_at = with_fractions(rng, deal_created)[v.deal]
    updated_at = with_fractions(rng, v.at)
    # The rep marks the deal closed; the change reaches the export a little later.
    closed_at = np.where(
        v.closing,
        whole_seconds(v.at - 5 * cfg.MINUTE - exp_duration(rng, cfg.HOUR, len(v.at))),
        cfg.NULL_TS,
    )
    closed_at = with_fractions(rng, closed_at)

    amount = np.round(rng.lognormal(np.log(12_000), 0.8, count), -2).astype(np.int64) * 100
    renegotiated = np.round(amount * rng.uniform(0.8, 1.1, count), -4).astype(np.int64)
    position = np.arange(len(v.deal)) - np.searchsorted(v.deal, v.deal)
    late_change = (rng.random(count) < 0.2)[v.deal] & (position >= 2)
    cents = np.where(late_change, np.maximum(renegotiated[v.deal], 10_000), amount[v.deal])
    eur = people.eur[person]

    stage_text = pick(STAGES, v.stage)
    labelled = (v.stage < WON) & (rng.random(len(v.stage)) < cfg.CATEGORY_VARIANT_RATE)
    stage_text = pc.if_else(
        pa.array(labelled), pick(_OPEN_LABELS, np.minimum(v.stage, WON - 1)), stage_text
    )
    texts = {
        name: format_instants(rng, values)
        for name, values in (
            ("created_at", created_at),
            ("closed_at", closed_at),
            ("updated_at", updated_at),
        )
    }
    ledger.mess["mixed_offsets"] += sum(odd for _, odd in texts.values())
    ledger.mess["eur_amounts"] += int(eur.sum())
    count_changes(ledger, v.deal, updated_at)
    deals = table(
        "crm_deals",
        deal_id=numbered("D", first_deal + v.deal, 6),
        contact_id=numbered("C", contacts.number[person], 7),
        account_id=numbered("A", people.accounts_first + people.account[person], 6),
        deal_stage=vary_case(rng, stage_text),
        amount=money(cents),
        currency=spell_currency(rng, eur),
        created_at=texts["created_at"][0],
        closed_at=texts["closed_at"][0],
        updated_at=texts["updated_at"][0],
    )

    won = last_rows(v.deal) & (v.stage == WON)
    return DealFacts(
        table=deals.take(pa.array(np.argsort(updated_at, kind="stable"))),
        first_created=min_per_group(n, deal_person, deal_created),
        first_won=min_per_group(n, person[won], closed_at[won]),
        count=count,
    )
