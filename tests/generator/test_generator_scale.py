"""Volumes grow linearly with persons, and so does the mess (rates, not counts)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

BIG_TABLES = (
    "crm_contacts",
    "crm_activities",
    "crm_orders",
    "web_events",
    "web_identifies",
    "support_tickets",
)


def rows(folder, name: str) -> int:
    return pq.read_metadata(folder / f"{name}.parquet").num_rows


def test_rows_scale_linearly_with_persons(generated) -> None:
    small, large = generated(500), generated(2000)
    for name in BIG_TABLES:
        ratio = rows(large, name) / rows(small, name)
        assert 3 <= ratio <= 5, (name, ratio)
    truth_small = (small / "_truth" / "persons.csv").read_text().count("\n") - 1
    truth_large = (large / "_truth" / "persons.csv").read_text().count("\n") - 1
    assert (truth_small, truth_large) == (500, 2000)


def test_mess_rates_do_not_depend_on_size(generated) -> None:
    small = json.loads((generated(500) / "_truth" / "mess_counts.json").read_text())
    large = json.loads((generated(2000) / "_truth" / "mess_counts.json").read_text())
    for kind in (
        "mixed_offsets",
        "duplicate_event_ids",
        "bot_events",
        "cdc_versions",
        "email_case_space_variants",
    ):
        assert 3 <= large[kind] / small[kind] <= 5, kind


def test_returned_counts_match_the_files(tmp_path) -> None:
    from journey.generate import generate

    written = generate(tmp_path, persons=300, seed=5, progress=False, chunk_persons=100)
    assert written == {name: rows(tmp_path, name) for name in written}
    assert len(written) == 9
