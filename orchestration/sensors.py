"""Starts the daily job when the landing folder receives new or changed files."""

import hashlib
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import dagster as dg

from journey.contract import landing_files
from journey.settings import LANDING_TABLES
from orchestration.jobs import JOURNEY_DAILY
from orchestration.resources import JourneyResource

# A file modified this recently may still be being written (an export copies table by
# table); waiting one more tick avoids building from half a folder.
SETTLE_SECONDS = 15
MINIMUM_INTERVAL_SECONDS = 30

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
    job_name: str = JOURNEY_DAILY, settle_seconds: float = SETTLE_SECONDS
) -> dg.SensorDefinition:
    @dg.sensor(
        name="landing_folder_sensor",
        job_name=job_name,
        minimum_interval_seconds=MINIMUM_INTERVAL_SECONDS,
        description=(
            "Runs journey_daily when a landing file is new or changed; the cursor is the "
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
        newest_write = max(modified_ns for _, modified_ns in listing.values()) / 1e9
        if time.time() - newest_write < settle_seconds:
            # Cursor unchanged: the same change is seen again on the next tick.
            return dg.SkipReason(f"Landing files still being written: {', '.join(changed)}.")
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
