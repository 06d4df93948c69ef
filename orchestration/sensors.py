"""Starts the daily job when the landing folder receives new or changed files."""

import hashlib
import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import dagster as dg

from journey.contract import landing_files
from journey.settings import LANDING_TABLES
from orchestration.jobs import JOURNEY_DAILY
from orchestration.resources import JourneyResource

# The folder must be quiet this long (no file or folder modified) before a run starts: an
# export copies table by table, and a run would otherwise read half a folder.
QUIET_SECONDS_VARIABLE = "JOURNEY_SENSOR_QUIET_SECONDS"
DEFAULT_QUIET_SECONDS = 60.0
MINIMUM_INTERVAL_SECONDS = 30
# Names copy tools give files they are still writing (rsync and editors: dotfiles and `~`;
# browsers: .part, .crdownload; hdfs dfs -put: _COPYING_).
TEMP_SUFFIXES = (".tmp", ".part", ".crdownload", "~")
TEMP_INFIX = "_COPYING_"
# Dotfiles that stay in a folder for good and are never half-written exports.
PERSISTENT_DOTFILES = frozenset({".DS_Store", ".gitkeep", ".keep"})

Listing = dict[str, tuple[int, int]]


def landing_listing(raw_dir: Path, tables: Sequence[str] = LANDING_TABLES) -> Listing:
    """(bytes, mtime in ns) of every landing file, by path relative to the folder.

    Only the files the build reads: anything else in the folder (the generator's `_truth/`,
    notes, temp files) neither starts a run nor shows in the fingerprint.
    """
    listing: Listing = {}
    for table in tables:
        for path in landing_files(raw_dir, table):
            stat = path.stat()
            listing[path.relative_to(raw_dir).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return listing


def quiet_seconds() -> float:
    value = os.environ.get(QUIET_SECONDS_VARIABLE, "").strip()
    return float(value) if value else DEFAULT_QUIET_SECONDS


def is_temp_name(name: str) -> bool:
    if name in PERSISTENT_DOTFILES:
        return False
    return name.startswith(".") or name.endswith(TEMP_SUFFIXES) or TEMP_INFIX in name


def _watched_folders(raw_dir: Path, tables: Sequence[str]) -> list[Path]:
    """The landing folder and its table folders: where exports write."""
    folders = [raw_dir] if raw_dir.is_dir() else []
    return folders + [raw_dir / table for table in tables if (raw_dir / table).is_dir()]


def temp_files(raw_dir: Path, tables: Sequence[str] = LANDING_TABLES) -> list[str]:
    """Files named as still being written, in the landing folder or a table folder."""
    return sorted(
        entry.relative_to(raw_dir).as_posix()
        for folder in _watched_folders(raw_dir, tables)
        for entry in folder.iterdir()
        if is_temp_name(entry.name)
    )


def last_change(raw_dir: Path, listing: Listing, tables: Sequence[str] = LANDING_TABLES) -> float:
    """When the folder last changed (seconds since the epoch): the newest modification of a
    landing file or of a watched folder (a file added, renamed or removed touches its folder;
    a copy that keeps the source's file times still does)."""
    stamps = [modified_ns / 1e9 for _, modified_ns in listing.values()]
    stamps += [folder.stat().st_mtime for folder in _watched_folders(raw_dir, tables)]
    return max(stamps, default=0.0)


def changed_files(previous: Mapping[str, Sequence[int]], current: Listing) -> list[str]:
    """New, changed and removed files, by name."""
    names = set(previous) | set(current)
    return sorted(
        name for name in names if tuple(previous.get(name, ())) != tuple(current.get(name, ()))
    )


def encode_cursor(listing: Listing) -> str:
    return json.dumps({name: list(entry) for name, entry in sorted(listing.items())})


def decode_cursor(cursor: str | None) -> dict[str, list[int]]:
    return json.loads(cursor) if cursor else {}


def build_landing_sensor(
    job_name: str = JOURNEY_DAILY, quiet: float | None = None
) -> dg.SensorDefinition:
    """`quiet`: seconds the folder must be unchanged (default JOURNEY_SENSOR_QUIET_SECONDS,
    read at each evaluation, else 60)."""

    @dg.sensor(
        name="landing_folder_sensor",
        job_name=job_name,
        minimum_interval_seconds=MINIMUM_INTERVAL_SECONDS,
        description=(
            "Runs journey_daily when a landing file is new or changed and the folder has "
            "settled: unchanged for JOURNEY_SENSOR_QUIET_SECONDS (60) and no temp-named file "
            "(dotfiles, *.tmp, *.part, *.crdownload, *~, *_COPYING_*). The cursor is the "
            "folder's fingerprint (names, sizes, modification times)."
        ),
    )
    def landing_folder_sensor(
        context: dg.SensorEvaluationContext, journey: JourneyResource
    ) -> dg.SensorResult | dg.SkipReason:
        raw_dir = journey.to_settings().raw_dir
        listing = landing_listing(raw_dir)
        changed = changed_files(decode_cursor(context.cursor), listing)
        if not changed:
            return dg.SkipReason(f"No new or changed landing file in {raw_dir}.")
        cursor = encode_cursor(listing)
        if not listing:
            # Remember the empty folder, so the next file to arrive counts as new.
            return dg.SensorResult(
                skip_reason=dg.SkipReason(f"No landing files in {raw_dir}."), cursor=cursor
            )
        # Cursor unchanged while the folder is unsettled: the same change is seen again on the
        # next tick.
        writing = temp_files(raw_dir)
        if writing:
            return dg.SkipReason(f"Landing files still being written: {', '.join(writing)}.")
        wait = quiet_seconds() if quiet is None else quiet
        since = time.time() - last_change(raw_dir, listing)
        if since < wait:
            return dg.SkipReason(
                f"Landing folder changed {since:.0f}s ago (quiet period {wait:.0f}s), files "
                f"still being written: {', '.join(changed)}."
            )
        fingerprint = hashlib.sha256(cursor.encode()).hexdigest()
        return dg.SensorResult(
            run_requests=[
                dg.RunRequest(
                    run_key=fingerprint,
                    tags={"journey/landing_changes": ", ".join(changed)[:200]},
                )
            ],
            cursor=cursor,
        )

    return landing_folder_sensor
