"""Valid row shapes that SPEC §1, §2 and §8 allow and real exports produce, applied to a chunk's
tables after they are built (so the rest of the chunk draws the same numbers as before).

- server-side identify calls: user_id and email, no anonymous_id;
- deals without a contact or an account (a partner-sourced deal, an account-less lead): a lost
  deal without contact_id carries no identifier at all, so the warehouse quarantines it;
- one-digit hours (`2024-03-05 3:15:52`), as some exports write them;
- dates without time for CRM creation dates, as some CRMs export them (midnight UTC; only
  values in the plain UTC spelling, so the date is the UTC date).

Each is counted in the ledger under its own kind; a value that was in the plain UTC spelling and
is no longer is also counted in `mixed_offsets`, whose definition is "not `...THH:MM:SSZ`".
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from journey.generate.ledger import Ledger

SERVER_SIDE_IDENTIFY_RATE = 0.2  # of identify calls that carry a user_id
DEAL_WITHOUT_CONTACT_RATE = 0.15  # of deals whose final stage is closed_lost
DEAL_WITHOUT_ACCOUNT_RATE = 0.1  # of the other deals
ONE_DIGIT_HOUR_RATE = 0.3  # of values before 10:00 UTC in the columns below
ONE_DIGIT_HOUR_COLUMNS = (("crm_activities", "occurred_at"), ("web_identifies", "identified_at"))
# Chosen by id, so every version of one record agrees: ids ending in this digit.
DATE_ONLY_COLUMNS = (("crm_contacts", "contact_id", "created_at"),
                     ("crm_accounts", "account_id", "created_at"))  # fmt: skip
DATE_ONLY_ID_DIGIT = "3"
PLAIN_UTC = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"


def _count(mask: pa.Array | pa.ChunkedArray) -> int:
    return int(pc.sum(pc.cast(pc.fill_null(mask, False), "int64")).as_py() or 0)


def _replace(
    table: pa.Table, column: str, mask: np.ndarray, values: pa.Array, ledger: Ledger
) -> pa.Table:
    """`column` with `values` where `mask`; plain spellings that change count as mixed."""
    before = table[column]
    after = pc.if_else(pa.array(mask), values, before)
    was_plain = pc.match_substring_regex(before, PLAIN_UTC)
    ledger.mess["mixed_offsets"] += _count(pc.and_(was_plain, pc.not_equal(before, after)))
    return table.set_column(table.schema.get_field_index(column), column, after)


def server_side_identifies(
    rng: np.random.Generator, identifies: pa.Table, ledger: Ledger
) -> pa.Table:
    with_user = np.asarray(pc.is_valid(identifies["user_id"]))
    chosen = with_user & (rng.random(identifies.num_rows) < SERVER_SIDE_IDENTIFY_RATE)
    server = identifies.filter(pa.array(chosen))
    server = server.set_column(
        server.schema.get_field_index("anonymous_id"),
        "anonymous_id",
        pa.nulls(server.num_rows, pa.string()),
    )
    ledger.mess["server_side_identifies"] += server.num_rows
    # The copies repeat their originals' spellings: count the unusual ones again.
    plain = pc.match_substring_regex(server["identified_at"], PLAIN_UTC)
    ledger.mess["mixed_offsets"] += _count(pc.and_(pc.is_valid(plain), pc.invert(plain)))
    return pa.concat_tables([identifies, server])


def deals_without_links(rng: np.random.Generator, deals: pa.Table, ledger: Ledger) -> pa.Table:
    ids = np.asarray(deals["deal_id"].to_numpy(zero_copy_only=False))
    unique, inverse = np.unique(ids, return_inverse=True)
    # Rows are in updated_at order: the last row of an id is its final version.
    final_row = np.zeros(len(unique), dtype=np.int64)
    final_row[inverse] = np.arange(len(ids))
    stages = deals["deal_stage"].to_pylist()
    lost = np.array(
        [(stages[row] or "").strip().lower() == "closed_lost" for row in final_row], dtype=bool
    )
    draw = rng.random(len(unique))
    no_contact = lost & (draw < DEAL_WITHOUT_CONTACT_RATE)
    no_account = ~lost & (draw < DEAL_WITHOUT_ACCOUNT_RATE)
    ledger.mess["deals_without_contact"] += int(no_contact.sum())
    ledger.mess["deals_without_account"] += int((no_contact | no_account).sum())
    null = pa.nulls(deals.num_rows, pa.string())
    for column, blank in (("contact_id", no_contact), ("account_id", no_contact | no_account)):
        values = pc.if_else(pa.array(blank[inverse]), null, deals[column])
        deals = deals.set_column(deals.schema.get_field_index(column), column, values)
    return deals


def one_digit_hours(rng: np.random.Generator, tables: dict[str, pa.Table], ledger: Ledger) -> None:
    for name, column in ONE_DIGIT_HOUR_COLUMNS:
        table = tables[name]
        values = table[column]
        early = pc.match_substring_regex(values, r"^\d{4}-\d\d-\d\d[T ]0\d:")
        mask = np.asarray(pc.fill_null(early, False)) & (
            rng.random(table.num_rows) < ONE_DIGIT_HOUR_RATE
        )
        spelled = pc.replace_substring_regex(
            values, pattern=r"^(\d{4}-\d\d-\d\d)[T ]0(\d):", replacement=r"\1 \2:"
        )
        ledger.mess["one_digit_hours"] += int(mask.sum())
        tables[name] = _replace(table, column, mask, spelled, ledger)


def date_only_timestamps(tables: dict[str, pa.Table], ledger: Ledger) -> None:
    for name, key, column in DATE_ONLY_COLUMNS:
        table = tables[name]
        # Records whose every version is in the plain UTC spelling, so the date is the UTC
        # date, midnight is never later, and all versions keep one value.
        ids = np.asarray(table[key].to_numpy(zero_copy_only=False))
        plain = np.asarray(pc.fill_null(pc.match_substring_regex(table[column], PLAIN_UTC), False))
        by_digit = np.asarray(pc.fill_null(pc.ends_with(table[key], DATE_ONLY_ID_DIGIT), False))
        mask = by_digit & plain & ~np.isin(ids, ids[~plain])
        ledger.mess["date_only_timestamps"] += int(mask.sum())
        dates = pc.utf8_slice_codeunits(table[column], 0, 10)
        tables[name] = _replace(table, column, mask, dates, ledger)


def apply_valid_shapes(
    rng: np.random.Generator, tables: dict[str, pa.Table], ledger: Ledger
) -> None:
    """Rewrite a chunk's tables in place with the shapes above."""
    tables["web_identifies"] = server_side_identifies(rng, tables["web_identifies"], ledger)
    tables["crm_deals"] = deals_without_links(rng, tables["crm_deals"], ledger)
    one_digit_hours(rng, tables, ledger)
    date_only_timestamps(tables, ledger)
