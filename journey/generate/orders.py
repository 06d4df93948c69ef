"""crm_orders: consumer orders, one row per status change (pending, completed, refunded...)."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from journey.generate import config as cfg
from journey.generate.arrays import min_per_group, money, numbered, pick
from journey.generate.contacts_ids import ContactIds
from journey.generate.ledger import Ledger
from journey.generate.people import People, whole_seconds
from journey.generate.schema import table
from journey.generate.spelling import spell_currency, spell_emails, vary_case
from journey.generate.timefmt import format_instants, with_fractions
from journey.generate.versions import count_changes, last_rows, walk_paths

STATUSES = ("pending", "completed", "refunded", "cancelled")
PENDING, COMPLETED, REFUNDED, CANCELLED = range(4)
_PATHS = (
    (COMPLETED,),
    (PENDING, COMPLETED),
    (COMPLETED, REFUNDED),
    (PENDING, COMPLETED, REFUNDED),
    (PENDING, CANCELLED),
    (PENDING,),
)
_PATH_P = (0.32, 0.48, 0.03, 0.04, 0.07, 0.06)
# Wait before entering each status: payment clears in minutes, refunds take days.
_MIN_GAP = np.array([0, 2 * cfg.MINUTE, 2 * cfg.DAY, cfg.HOUR])
_MEAN_GAP = np.array([0, 30 * cfg.MINUTE, 10 * cfg.DAY, cfg.DAY])


@dataclass
class OrderFacts:
    table: pa.Table
    first_purchase: np.ndarray  # per person: earliest ordered_at of a completed/refunded order
    count: int


def build_orders(
    rng: np.random.Generator,
    people: People,
    contacts: ContactIds,
    order_at: np.ndarray,
    first_order: int,
    ledger: Ledger,
) -> OrderFacts:
    placed = np.flatnonzero(order_at != cfg.NULL_TS)
    count = len(placed)
    owner = people.order_person[placed]
    ordered_at = with_fractions(rng, whole_seconds(order_at[placed]) + 2 * cfg.SECOND)
    path = rng.choice(len(_PATHS), size=count, p=_PATH_P)
    order, _, status, changed = walk_paths(
        rng, _PATHS, path, whole_seconds(ordered_at) + 5 * cfg.SECOND, _MIN_GAP, _MEAN_GAP
    )
    updated_at = with_fractions(rng, changed)
    person = owner[order]

    # Customers who also have an account sometimes check out as guests: no contact_id then.
    as_guest = rng.random(count) < 0.05
    has_contact = contacts.has_contact[owner] & ~as_guest
    emails, invalid = spell_emails(rng, people.email.take(pa.array(person)))
    ledger.own_emails(person, np.ones(len(person), dtype=bool), invalid)
    total = (
        np.maximum(np.round(rng.lognormal(np.log(60), 0.7, count) * 100), 500).astype(np.int64)
        + 499
    )
    eur = people.eur[person]
    texts = {
        name: format_instants(rng, values)
        for name, values in (("ordered_at", ordered_at[order]), ("updated_at", updated_at))
    }
    ledger.mess["mixed_offsets"] += sum(odd for _, odd in texts.values())
    ledger.mess["eur_amounts"] += int(eur.sum())
    count_changes(ledger, order, updated_at)
    orders = table(
        "crm_orders",
        order_id=numbered("O", first_order + order, 7),
        contact_id=numbered(
            "C", np.maximum(contacts.number[person], 0), 7, mask=~has_contact[order]
        ),
        email=emails,
        order_total=money(total[order]),
        currency=spell_currency(rng, eur),
        status=vary_case(rng, pick(STATUSES, status)),
        ordered_at=texts["ordered_at"][0],
        updated_at=texts["updated_at"][0],
    )

    # A purchase is an order whose latest status is completed or refunded.
    bought = last_rows(order) & np.isin(status, (COMPLETED, REFUNDED))
    return OrderFacts(
        table=orders.take(pa.array(np.argsort(updated_at, kind="stable"))),
        first_purchase=min_per_group(people.size, person[bought], ordered_at[order][bought]),
        count=count,
    )
