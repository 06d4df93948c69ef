"""Change-feed helpers: one row per change of a record, latest updated_at wins."""

import numpy as np

from journey.generate import config as cfg
from journey.generate.arrays import group_cumsum, ragged
from journey.generate.ledger import Ledger


def walk_paths(
    rng: np.random.Generator,
    paths: tuple[tuple[int, ...], ...],
    choice: np.ndarray,
    start: np.ndarray,
    min_gap: np.ndarray,
    mean_gap: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Expand each record's chosen path of states into version rows.

    The state entered decides the wait before it (min_gap + exponential mean_gap, per state
    code). Changes after the fixed end of the data are dropped, so a record may stop midway;
    the first version is always kept. Returns (record, position, state, updated_at).
    """
    width = max(len(path) for path in paths)
    lengths = np.array([len(path) for path in paths])
    table = np.array([path + (-1,) * (width - len(path)) for path in paths])
    record, position = ragged(lengths[choice])
    state = table[choice[record], position]
    gaps = min_gap[state] + (rng.exponential(1.0, len(record)) * mean_gap[state]).astype(np.int64)
    gaps = (gaps // cfg.SECOND) * cfg.SECOND
    gaps[position == 0] = 0
    updated = start[record] + group_cumsum(gaps, record)
    keep = (position == 0) | (updated < cfg.END)
    return record[keep], position[keep], state[keep], updated[keep]


def last_rows(record: np.ndarray) -> np.ndarray:
    """Mask of the last row of each record (rows sorted by record, then time)."""
    last = np.ones(len(record), dtype=bool)
    last[:-1] = record[1:] != record[:-1]
    return last


def tie_rows(
    rng: np.random.Generator, record: np.ndarray, rate: float = cfg.CDC_TIE_RATE
) -> tuple[np.ndarray, np.ndarray]:
    """Row order with a few latest versions written twice with the very same updated_at.

    Returns (row index per output row, mask of rows that are part of a tie).
    """
    last = np.flatnonzero(last_rows(record))
    twins = last[rng.random(len(last)) < rate]
    rows = np.sort(np.concatenate([np.arange(len(record)), twins]), kind="stable")
    tied = np.isin(rows, twins)
    return rows, tied


def count_changes(ledger: Ledger, record: np.ndarray, updated: np.ndarray) -> None:
    """Count superseded versions and exact updated_at ties of one change feed."""
    if len(record) == 0:
        return
    ledger.mess["cdc_versions"] += len(record) - len(np.unique(record))
    pairs = np.unique(np.stack([record, updated]), axis=1, return_counts=True)[1]
    ledger.mess["cdc_exact_ties"] += int(np.count_nonzero(pairs > 1))
