"""crm_contacts and crm_accounts: change feeds of the CRM's people and companies."""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.generate import config as cfg
from journey.generate import vocab
from journey.generate.arrays import group_running_max, numbered, pick
from journey.generate.contacts_ids import ContactIds
from journey.generate.ledger import Ledger
from journey.generate.people import People, exp_duration, whole_seconds
from journey.generate.schema import table
from journey.generate.spelling import spell_emails, spell_flags
from journey.generate.timefmt import format_instants, with_fractions
from journey.generate.versions import count_changes, last_rows, tie_rows

SUBSCRIBER, LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER = range(6)
_KEEP_STAGE = -1  # a profile edit or deletion: lifecycle stage unchanged


def _phones(rng: np.random.Generator, people: People) -> tuple[list[str | None], list[str | None]]:
    """Two spellings of each person's (fictional 555) number; a quarter never give one."""
    area = rng.integers(201, 990, people.size)
    line = rng.integers(100, 200, people.size)
    missing = rng.random(people.size) < 0.25
    plain, other = [], []
    for i in range(people.size):
        if missing[i]:
            plain.append(None)
            other.append(None)
        elif people.eur[i]:
            plain.append(f"+49 30 555{line[i]:04d}")
            other.append(f"030-555-{line[i]:04d}")
        else:
            plain.append(f"+1-{area[i]}-555-{line[i]:04d}")
            other.append(f"({area[i]}) 555-{line[i]:04d}")
    return plain, other


def build_contacts(
    rng: np.random.Generator,
    people: People,
    contacts: ContactIds,
    first_channel: np.ndarray,
    first_deal: np.ndarray,
    first_purchase: np.ndarray,
    ledger: Ledger,
) -> tuple[pa.Table, np.ndarray]:
    """Contact versions: creation, lifecycle moves, profile edits, deletions.

    Returns the table and, per person, whether the contact's latest version is deleted.
    """
    owner = np.flatnonzero(contacts.has_contact)
    created = contacts.created_at[owner]
    b2b = people.b2b[owner]
    size = len(owner)

    # Lifecycle moves and edits as (contact, instant, stage) rows, merged then sorted.
    first_stage = np.where(b2b | (rng.random(size) < 0.6), LEAD, SUBSCRIBER)
    mql = np.flatnonzero(rng.random(size) < 0.5)
    deal = np.flatnonzero(first_deal[owner] != cfg.NULL_TS)
    bought = np.flatnonzero(first_purchase[owner] != cfg.NULL_TS)
    edited = np.repeat(np.arange(size), rng.poisson(0.4, size))
    parts = (
        (mql, created[mql] + cfg.HOUR + exp_duration(rng, 10 * cfg.DAY, len(mql)), MQL),
        (deal, first_deal[owner][deal] + 10 * cfg.MINUTE, OPPORTUNITY),
        (bought, whole_seconds(first_purchase[owner][bought]) + 10 * cfg.MINUTE, CUSTOMER),
        (
            edited,
            created[edited] + cfg.DAY + whole_seconds(rng.random(len(edited)) * 200 * cfg.DAY),
            _KEEP_STAGE,
        ),
    )
    contact = np.concatenate([np.arange(size)] + [p[0] for p in parts])
    # Nothing can change before the contact exists.
    at = np.concatenate([created] + [np.maximum(p[1], created[p[0]] + cfg.MINUTE) for p in parts])
    stage = np.concatenate([first_stage] + [np.broadcast_to(p[2], len(p[0])) for p in parts])
    creation = np.arange(len(contact)) < size

    # Deletions (and a few restores) come after everything else the contact went through.
    last_at = np.full(size, 0, dtype=np.int64)
    np.maximum.at(last_at, contact, at)
    both = cfg.DELETED_CONTACT_RATE + cfg.RESTORED_CONTACT_RATE
    deleted = np.flatnonzero(rng.random(size) < both)
    restored = deleted[rng.random(len(deleted)) < cfg.RESTORED_CONTACT_RATE / both]
    delete_at = last_at[deleted] + cfg.DAY + exp_duration(rng, 30 * cfg.DAY, len(deleted))
    restore_at = delete_at[np.isin(deleted, restored)] + cfg.HOUR
    restore_at += exp_duration(rng, 5 * cfg.DAY, len(restored))
    contact = np.concatenate([contact, deleted, restored])
    at = np.concatenate([at, delete_at, restore_at])
    stage = np.concatenate([stage, np.full(len(deleted) + len(restored), _KEEP_STAGE)])
    creation = np.concatenate([creation, np.zeros(len(deleted) + len(restored), dtype=bool)])
    is_deleted = np.zeros(len(contact), dtype=bool)
    is_deleted[len(contact) - len(deleted) - len(restored) : len(contact) - len(restored)] = True

    order = np.lexsort((at, contact))
    keep = creation[order] | (at[order] < cfg.END)
    order = order[keep]
    contact, at, stage, creation, is_deleted = (
        a[order] for a in (contact, at, stage, creation, is_deleted)
    )
    # Stages only move forward; an edit or deletion keeps the stage reached so far.
    stage = group_running_max(stage, contact)

    # A few latest versions are exported twice with the same updated_at (a re-sync that
    # only changed the spelling of a name or phone number).
    rows, tied = tie_rows(rng, contact)
    twin = np.zeros(len(rows), dtype=bool)
    twin[1:] = rows[1:] == rows[:-1]
    contact, at, stage, creation, is_deleted = (
        a[rows] for a in (contact, at, stage, creation, is_deleted)
    )
    person = owner[contact]
    updated_at = with_fractions(rng, at)
    updated_at[twin] = updated_at[np.flatnonzero(twin) - 1]

    phone, other_phone = _phones(rng, people)
    phone_pick = np.where(~creation & (rng.random(len(rows)) < 0.3), 1, 0)
    phone_pick[twin] = 1 - phone_pick[np.flatnonzero(twin) - 1]
    phones = pc.if_else(
        pa.array(phone_pick == 1),
        pa.array(other_phone).take(pa.array(person)),
        pa.array(phone).take(pa.array(person)),
    )
    emails, invalid = spell_emails(rng, people.email.take(pa.array(person)))
    ledger.own_emails(person, np.ones(len(person), dtype=bool), invalid)
    # Company association often lands after the contact is created.
    account = people.account[person]
    no_account = (account < 0) | (creation & (rng.random(len(rows)) < 0.2))
    lead_source = [vocab.LEAD_SOURCE_BY_CHANNEL[channel] for channel in vocab.CHANNELS]
    first_names = pa.array(people.first_name).take(pa.array(person))

    created_text, odd_created = format_instants(
        rng, with_fractions(rng, contacts.created_at)[person]
    )
    updated_text, odd_updated = format_instants(rng, updated_at, canonical=tied)
    ledger.mess["mixed_offsets"] += odd_created + odd_updated
    count_changes(ledger, contact, updated_at)
    latest_deleted = np.zeros(people.size, dtype=bool)
    final = last_rows(contact)
    latest_deleted[person[final & is_deleted]] = True
    ledger.mess["deleted_contacts"] += int(np.count_nonzero(final & is_deleted))
    contacts_table = table(
        "crm_contacts",
        contact_id=numbered("C", contacts.number[person], 7),
        email=emails,
        phone=phones,
        first_name=pc.if_else(pa.array(twin), pc.utf8_upper(first_names), first_names),
        last_name=pa.array(people.last_name).take(pa.array(person)),
        account_id=numbered(
            "A", people.accounts_first + np.maximum(account, 0), 6, mask=no_account
        ),
        lifecycle_stage=pick(vocab.LIFECYCLE_STAGES, stage),
        lead_source=pick(lead_source, first_channel[person]),
        created_at=created_text,
        updated_at=updated_text,
        is_deleted=spell_flags(rng, is_deleted),
    )
    return contacts_table.take(pa.array(np.argsort(updated_at, kind="stable"))), latest_deleted
