"""Deterministic demo data for the landing zone: nine raw tables plus ground truth.

    generate(Path("data/raw"), persons=10_000, seed=42)

writes `<table>.parquet` (or `.csv`) for every table of the landing contract and, under
`_truth/`, `persons.csv` (one row per person) and `mess_counts.json` (how much of each kind
of mess was injected). Same arguments, same bytes.
"""

import json
import pathlib
from collections import Counter
from collections.abc import Sequence

from journey.contract import TOOL_FEEDS
from journey.generate.chunk import Counters, build_chunk
from journey.generate.cli import add_arguments, run_from_args
from journey.generate.progress import Progress
from journey.generate.schema import TABLES, arrow_schema
from journey.generate.truth import MESS_KINDS, TRUTH_SCHEMA
from journey.generate.vendor import VENDOR_TOOLS, remove_generated_tool_folders, write_vendor_shapes
from journey.generate.writers import FORMATS, CsvSink, open_sink

__all__ = ["TABLES", "add_arguments", "generate", "run_from_args"]

TRUTH_DIR = "_truth"


def generate(
    out_dir: pathlib.Path,
    persons: int,
    seed: int = 42,
    fmt: str = "parquet",
    progress: bool = True,
    chunk_persons: int = 20_000,
    vendor_shapes: Sequence[str] = (),
) -> dict[str, int]:
    """Writes the nine landing tables to out_dir and returns rows written per table.

    `vendor_shapes` names tools (see journey.generate.vendor) whose tables replace the
    canonical files they feed: the same rows, in `<out_dir>/<tool>/`, counted per
    `<tool>/<table>`.

    Persons are generated chunk by chunk, each chunk from its own generator seeded with
    (seed, chunk index), and appended to the files, so memory does not grow with `persons`.
    The output is a pure function of (persons, seed, chunk_persons).
    """
    if persons < 0:
        raise ValueError("persons must be zero or more")
    if seed < 0:
        raise ValueError("seed must be zero or more")
    if chunk_persons < 1:
        raise ValueError("chunk_persons must be at least 1")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    unknown = [tool for tool in vendor_shapes if tool not in VENDOR_TOOLS]
    if unknown:
        raise ValueError(f"unknown tool {unknown[0]!r}; use one of {', '.join(VENDOR_TOOLS)}")
    out_dir = pathlib.Path(out_dir)
    remove_generated_tool_folders(out_dir)
    truth_dir = out_dir / TRUTH_DIR
    truth_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        # A stale file of the other format would make the landing folder ambiguous.
        for other in FORMATS:
            stale = out_dir / f"{name}.{other}"
            if other != fmt and stale.is_file():
                stale.unlink()

    sinks = {name: open_sink(out_dir / f"{name}.{fmt}", arrow_schema(name), fmt) for name in TABLES}
    rows = dict.fromkeys(TABLES, 0)
    mess: Counter = Counter()
    counters = Counters()
    bar = Progress(persons, enabled=progress)
    truth_sink = CsvSink(truth_dir / "persons.csv", TRUTH_SCHEMA)
    try:
        done = 0
        bar.update(done)
        index = 0
        while done < persons:
            size = min(chunk_persons, persons - done)
            chunk = build_chunk(seed, index, size, counters)
            for name, table in chunk.tables.items():
                sinks[name].write(table)
                rows[name] += table.num_rows
            truth_sink.write(chunk.truth)
            mess.update(chunk.ledger.mess)
            done += size
            index += 1
            bar.update(done)
    finally:
        for sink in sinks.values():
            sink.close()
        truth_sink.close()
        bar.close()
    counts = {kind: int(mess.get(kind, 0)) for kind in MESS_KINDS}
    (truth_dir / "mess_counts.json").write_text(json.dumps(counts, indent=2) + "\n")
    if vendor_shapes:
        written = write_vendor_shapes(out_dir, fmt, vendor_shapes)
        fed = {table for tool in vendor_shapes for table in TOOL_FEEDS[tool]}
        rows = {name: count for name, count in rows.items() if name not in fed} | written
    return rows
