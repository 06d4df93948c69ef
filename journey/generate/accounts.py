"""crm_accounts: companies that have at least one contact, one row per change."""

import numpy as np
import pyarrow as pa

from journey.generate import config as cfg
from journey.generate import vocab
from journey.generate.arrays import group_cumsum, min_per_group, numbered, pick, ragged
from journey.generate.contacts_ids import ContactIds
from journey.generate.ledger import Ledger
from journey.generate.people import People, exp_duration
from journey.generate.schema import table
from journey.generate.timefmt import format_instants, with_fractions
from journey.generate.versions import count_changes


def build_accounts(
    rng: np.random.Generator, people: People, contacts: ContactIds, ledger: Ledger
) -> pa.Table:
    """An account appears with its first contact; firmographics are filled in and revised later."""
    member = np.flatnonzero(contacts.has_contact & (people.account >= 0))
    first_contact = min_per_group(
        people.accounts.size, people.account[member], contacts.created_at[member]
    )
    account = np.flatnonzero(first_contact != cfg.NULL_TS)
    created = first_contact[account] - rng.integers(0, 600, len(account)) * cfg.SECOND

    version, position = ragged(1 + rng.poisson(0.8, len(account)))
    gaps = cfg.DAY + exp_duration(rng, 40 * cfg.DAY, len(version))
    gaps[position == 0] = 0
    at = created[version] + group_cumsum(gaps, version)
    keep = (position == 0) | (at < cfg.END)
    version, position, at = version[keep], position[keep], at[keep]
    local = account[version]

    # Enrichment fills blanks after creation and re-estimates headcount now and then.
    blank_industry = (rng.random(len(account)) < 0.3)[version] & (position == 0)
    blank_size = (rng.random(len(account)) < 0.3)[version] & (position == 0)
    revised = np.round(people.accounts.employees[local] * rng.uniform(0.8, 1.25, len(version)))
    employees = np.where(position >= 2, revised, people.accounts.employees[local]).astype(np.int64)
    updated_at = with_fractions(rng, at)
    created_text, odd_created = format_instants(rng, with_fractions(rng, created)[version])
    updated_text, odd_updated = format_instants(rng, updated_at)
    ledger.mess["mixed_offsets"] += odd_created + odd_updated
    count_changes(ledger, version, updated_at)
    accounts = table(
        "crm_accounts",
        account_id=numbered("A", people.accounts_first + local, 6),
        account_name=pa.array(people.accounts.name).take(pa.array(local)),
        industry=pick(
            vocab.INDUSTRIES, np.where(blank_industry, -1, people.accounts.industry[local])
        ),
        employee_count=pa.array(employees, mask=blank_size).cast(pa.string()),
        created_at=created_text,
        updated_at=updated_text,
    )
    return accounts.take(pa.array(np.argsort(updated_at, kind="stable")))
