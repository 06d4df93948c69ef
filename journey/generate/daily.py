"""Daily delivery of the demo data: every landing table as a folder that grows by one file
per arrival day.

    generate_daily(Path("/tmp/landing"), persons=300, days=5, through=2)

generates the same rows as `generate` (same persons and seed) and writes each table as
`<table>/<day>_and_earlier.<fmt>` (everything that arrived before the daily files) plus one
`<table>/<YYYY-MM-DD>.<fmt>` per arrival day. A row arrives on the UTC day of its
`received_at` (web events; its `event_at` may be days earlier: a late event), its
`updated_at` (change feeds) or else the timestamp that places it (`occurred_at`,
`identified_at`, `responded_at`). The days are the last `days` days on which web events
arrived; rows between two of them arrive with the next one, rows after the last with the
last, rows whose time does not parse with the history file. So that every day brings late
events, a seeded 5 % of the events of the week before each day, delivered earlier, are held
back to that day (their `received_at` becomes 06:00 UTC that day). `through` writes only the first
`through` days, so a later call with a larger `through` adds the next days' files and leaves
the earlier ones untouched (same bytes, same modification time).

Change feeds come as deltas (each file holds the versions that arrived that day) or as
snapshots (each file holds every version up to that day, so versions repeat from file to
file); both describe the same history.
"""

from __future__ import annotations

import filecmp
import os
import pathlib
import shutil
import tempfile
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from journey.contract import REGISTRY
from journey.generate.schema import TABLES, arrow_schema
from journey.generate.writers import open_sink

CRM_MODES = ("deltas", "snapshots")
# Late events of the daily files: this share of the web events of the week before each daily
# day (already delivered in an earlier file) is held back and delivered with that day instead.
LATE_SHARE = 0.05
LATE_WINDOW_DAYS = 7
HISTORY_SUFFIX = "_and_earlier"
_HISTORY = -1


def arrival_column(table: str) -> str:
    """The column whose UTC day says when a row of `table` arrived."""
    spec = next(entry for entry in REGISTRY if entry.name == table)
    if "received_at" in spec.columns:
        return "received_at"
    if spec.change_feed:
        return "updated_at"
    return spec.placed_by


def is_change_feed(table: str) -> bool:
    return next(entry for entry in REGISTRY if entry.name == table).change_feed


def arrival_days(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """The UTC day of each timestamp text (numpy datetime64[D]); NaT where it does not parse."""
    parsed = pd.to_datetime(
        pd.Series(pa.chunked_array([values]).to_pylist(), dtype="object").str.strip(),
        utc=True,
        format="mixed",
        errors="coerce",
    )
    return parsed.dt.tz_localize(None).to_numpy().astype("datetime64[D]")


def daily_days(events: pa.Table, days: int) -> list[np.datetime64]:
    """The last `days` UTC days on which web events arrived, oldest first."""
    arrived = arrival_days(events.column(arrival_column("web_events")))
    distinct = np.unique(arrived[~np.isnat(arrived)])
    if distinct.size < days + 1:
        raise ValueError(
            f"--daily-files {days}: web events arrived on only {distinct.size} days; "
            "ask for fewer daily files or more persons"
        )
    return list(distinct[-days:])


def buckets(table: str, data: pa.Table, days: Sequence[np.datetime64]) -> np.ndarray:
    """Per row, the index of the daily file it arrives with, or -1 for the history file."""
    arrived = arrival_days(data.column(arrival_column(table)))
    edges = np.array(days, dtype="datetime64[D]")
    # The first daily day on or after the row's day; after the last day: the last file.
    index = np.searchsorted(edges, arrived, side="left")
    index = np.minimum(index, len(edges) - 1)
    before = np.isnat(arrived) | (arrived < edges[0])
    return np.where(before, _HISTORY, index)


def file_names(days: Sequence[np.datetime64], fmt: str) -> tuple[str, list[str]]:
    """The history file's name and the daily files' names: they sort in arrival order."""
    history = f"{days[0] - np.timedelta64(1, 'D')}{HISTORY_SUFFIX}.{fmt}"
    return history, [f"{day}.{fmt}" for day in days]


def hold_back_late_events(events: pa.Table, days: Sequence[np.datetime64], seed: int) -> pa.Table:
    """Delays a seeded `LATE_SHARE` of the events of the `LATE_WINDOW_DAYS` days before each
    daily day, delivered before it, to that day (`received_at` 06:00 UTC): late events whose
    `event_at` lies days before the file they arrive in."""
    rng = np.random.default_rng([seed, 9])
    happened = arrival_days(events.column("event_at"))
    arrived = arrival_days(events.column("received_at"))
    received = np.array(events.column("received_at").to_pylist(), dtype=object)
    for day in days:
        window = (
            ~np.isnat(happened)
            & (happened < day)
            & (happened >= day - np.timedelta64(LATE_WINDOW_DAYS, "D"))
            & (np.isnat(arrived) | (arrived < day))
        )
        chosen = np.flatnonzero(window & (rng.random(events.num_rows) < LATE_SHARE))
        received[chosen] = f"{day}T06:00:00Z"
        arrived[chosen] = day
    index = events.schema.get_field_index("received_at")
    return events.set_column(index, "received_at", pa.array(received, pa.string()))


def _write_if_changed(path: pathlib.Path, data: pa.Table, name: str, fmt: str) -> None:
    """Writes `data`, keeping an existing file with the same bytes as it is (its time too)."""
    scratch = path.with_name(f".{path.name}.tmp")
    sink = open_sink(scratch, arrow_schema(name), fmt)
    try:
        sink.write(data)
    finally:
        sink.close()
    if path.is_file() and filecmp.cmp(scratch, path, shallow=False):
        scratch.unlink()
    else:
        os.replace(scratch, path)


def split_daily(
    source: dict[str, pa.Table],
    out_dir: pathlib.Path,
    days: int,
    fmt: str,
    through: int | None = None,
    crm: str = "deltas",
    seed: int = 42,
) -> dict[str, int]:
    """Writes every table of `source` as a folder of daily files; returns rows written."""
    if days < 1:
        raise ValueError("--daily-files must be at least 1")
    if through is not None and not 0 <= through <= days:
        raise ValueError(f"--through must be between 0 and --daily-files ({days})")
    if crm not in CRM_MODES:
        raise ValueError(f"unknown CRM delivery {crm!r}; use one of {', '.join(CRM_MODES)}")
    written_days = days if through is None else through
    schedule = daily_days(source["web_events"], days)
    source = {**source, "web_events": hold_back_late_events(source["web_events"], schedule, seed)}
    history_name, day_names = file_names(schedule, fmt)
    rows = dict.fromkeys(source, 0)
    for name, data in source.items():
        folder = out_dir / name
        for single in (out_dir / f"{name}.parquet", out_dir / f"{name}.csv"):
            single.unlink(missing_ok=True)
        folder.mkdir(parents=True, exist_ok=True)
        bucket = pa.array(buckets(name, data, schedule))
        snapshot = crm == "snapshots" and is_change_feed(name)
        parts = [(history_name, pc.equal(bucket, _HISTORY))]
        for index in range(written_days):
            upto = pc.less_equal(bucket, index) if snapshot else pc.equal(bucket, index)
            parts.append((day_names[index], upto))
        for file_name, mask in parts:
            part = data.filter(mask)
            _write_if_changed(folder / file_name, part, name, fmt)
            rows[name] += part.num_rows
    return rows


def generate_daily(
    out_dir: pathlib.Path,
    persons: int,
    days: int,
    seed: int = 42,
    fmt: str = "parquet",
    through: int | None = None,
    crm: str = "deltas",
    progress: bool = True,
    chunk_persons: int = 20_000,
) -> dict[str, int]:
    """`generate`, delivered as daily files (module docstring). Holds the tables in memory."""
    from journey.generate import TRUTH_DIR, generate

    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".generate-") as scratch:
        whole = pathlib.Path(scratch)
        generate(whole, persons, seed, "parquet", progress, chunk_persons)
        source = {name: pq.read_table(whole / f"{name}.parquet") for name in TABLES}
        rows = split_daily(source, out_dir, days, fmt, through, crm, seed)
        truth = out_dir / TRUTH_DIR
        shutil.rmtree(truth, ignore_errors=True)
        shutil.move(whole / TRUTH_DIR, truth)
    return rows
