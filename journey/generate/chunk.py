"""One chunk of persons: all nine tables, the truth rows and the mess counted in them."""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from journey.generate.accounts import build_accounts
from journey.generate.activities import build_activities
from journey.generate.arrays import earliest
from journey.generate.contacts import build_contacts
from journey.generate.contacts_ids import assign_contacts
from journey.generate.deals import build_deals
from journey.generate.ledger import Ledger
from journey.generate.measure import measure_text
from journey.generate.orders import build_orders
from journey.generate.people import plan_people
from journey.generate.sessions import lay_out, plan_sessions
from journey.generate.shapes import apply_valid_shapes
from journey.generate.support import build_tickets
from journey.generate.survey import build_survey
from journey.generate.truth import truth_table
from journey.generate.web import build_web


@dataclass
class Counters:
    """Next free number per id kind; chunks run in order, so ids never collide."""

    person: int = 1
    contact: int = 1
    account: int = 1
    deal: int = 1
    order: int = 1
    ticket: int = 1
    response: int = 1
    activity: int = 1
    user: int = 1
    anon: int = 1


@dataclass
class Chunk:
    tables: dict[str, pa.Table]
    truth: pa.Table
    ledger: Ledger


def build_chunk(seed: int, index: int, size: int, counters: Counters) -> Chunk:
    """Generate persons counters.person.. of chunk `index` and advance the counters."""
    rng = np.random.default_rng([seed, index])
    ledger = Ledger(size)
    people = plan_people(rng, counters.person, size, counters.account)
    sessions = plan_sessions(rng, people)
    layout = lay_out(rng, sessions)
    ledger.spoil(sessions.kiosk_members)
    events, identifies, web = build_web(
        rng, people, sessions, layout, counters.anon, counters.user, seed, ledger
    )
    contacts = assign_contacts(rng, people, web, counters.contact)
    deals = build_deals(rng, people, contacts, web.demo_at, counters.deal, ledger)
    orders = build_orders(rng, people, contacts, web.order_at, counters.order, ledger)
    first_purchase = earliest(orders.first_purchase, deals.first_won)
    crm_contacts, deleted = build_contacts(
        rng, people, contacts, web.first_channel, deals.first_created, first_purchase, ledger
    )
    activities = build_activities(
        rng, people, contacts, deals.first_created, web.demo_at, counters.activity, ledger
    )
    tickets, ticket_count = build_tickets(
        rng, people, contacts, first_purchase, counters.ticket, ledger
    )
    survey = build_survey(rng, people, first_purchase, counters.response, ledger)
    tables = {
        "crm_contacts": crm_contacts,
        "crm_accounts": build_accounts(rng, people, contacts, ledger),
        "crm_deals": deals.table,
        "crm_activities": activities,
        "crm_orders": orders.table,
        "web_events": events,
        "web_identifies": identifies,
        "support_tickets": tickets,
        "survey_nps": survey,
    }
    apply_valid_shapes(rng, tables, ledger)
    measure_text(tables, ledger)
    truth = truth_table(people, web, contacts, deleted, first_purchase, ledger, seed)

    counters.person += size
    counters.contact += int(contacts.has_contact.sum())
    counters.account += people.accounts.size
    counters.deal += deals.count
    counters.order += orders.count
    counters.ticket += ticket_count
    counters.response += survey.num_rows
    counters.activity += activities.num_rows
    counters.user += int((web.user_number >= 0).sum())
    counters.anon += web.anon_used
    return Chunk(tables=tables, truth=truth, ledger=ledger)
