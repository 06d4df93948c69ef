"""Incremental writers: each chunk is appended, so memory stays flat whatever the size."""

from pathlib import Path
from typing import Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

FORMATS = ("parquet", "csv")
# Quote only what needs it (RFC 4180), plus values with edge spaces so no reader trims them.
_NEEDS_QUOTES = r'[",\r\n]|^\s|\s$'
_CSV_SLICE_ROWS = 50_000


class Sink(Protocol):
    def write(self, table: pa.Table) -> None: ...

    def close(self) -> None: ...


class ParquetSink:
    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self._writer = pq.ParquetWriter(path, schema, compression="zstd")

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self._writer.write_table(table)

    def close(self) -> None:
        self._writer.close()


def csv_bytes(table: pa.Table) -> bytes:
    """CSV lines of a table of text columns: null is an empty field, no trailing header."""
    if table.num_rows == 0:
        return b""
    # Large strings: one chunk of a big table can exceed the 2 GiB of 32-bit offsets.
    quote, comma, newline, empty = (pa.scalar(s, pa.large_string()) for s in ('"', ",", "\n", ""))
    fields = []
    for column in table.columns:
        text = column.combine_chunks().cast(pa.large_string())
        escaped = pc.replace_substring(text, '"', '""')
        quoted = pc.binary_join_element_wise(quote, escaped, quote, empty)
        fields.append(pc.if_else(pc.match_substring_regex(text, _NEEDS_QUOTES), quoted, text))
    lines = pc.binary_join_element_wise(
        *fields, comma, null_handling="replace", null_replacement=""
    )
    lines = pc.binary_join_element_wise(lines, newline, empty)
    # The joined lines sit back to back in one buffer: that buffer is the file content.
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    first, last = int(offsets[lines.offset]), int(offsets[lines.offset + len(lines)])
    return lines.buffers()[2].slice(first, last - first).to_pybytes()


class CsvSink:
    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self._file = path.open("wb")
        self._file.write((",".join(schema.names) + "\n").encode())

    def write(self, table: pa.Table) -> None:
        # Slices keep the text copies that quoting and joining need small.
        for start in range(0, table.num_rows, _CSV_SLICE_ROWS):
            self._file.write(csv_bytes(table.slice(start, _CSV_SLICE_ROWS)))

    def close(self) -> None:
        self._file.close()


def open_sink(path: Path, schema: pa.Schema, fmt: str) -> Sink:
    if fmt == "parquet":
        return ParquetSink(path, schema)
    if fmt == "csv":
        return CsvSink(path, schema)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
