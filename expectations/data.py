"""Reads the tables the suites validate into pandas.

GX's SQL datasource returns empty results on DuckDB through duckdb-engine, and an empty result
would let every expectation pass on nothing; so the suites validate pandas frames read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from journey.contract import LANDING_COLUMNS, landing_files, missing_table_message, tool_provides

MART_SCHEMA = "marts"


def load_raw_frame(raw_dir: Path, table: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The landing table as text: every column a string, empty text missing, header names
    trimmed and lower-cased (as the loader matches them); only `columns` (of those present)
    when given. Raises FileNotFoundError when the landing folder has no file for the table."""
    files = landing_files(Path(raw_dir), table)
    if not files and tool_provides(Path(raw_dir), table):
        # Rows from tool folders are checked in the warehouse, not here.
        return pd.DataFrame(columns=list(columns or LANDING_COLUMNS[table]), dtype=str)
    if not files:
        raise FileNotFoundError(missing_table_message(Path(raw_dir), table))
    wanted = None if columns is None else {column.lower() for column in columns}
    frames = [_read_text(path, wanted) for path in files]
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return frame


def _normal(name: object) -> str:
    return str(name).strip().lower()


def _read_text(path: Path, wanted: set[str] | None) -> pd.DataFrame:
    if path.stat().st_size == 0:
        return pd.DataFrame()
    if path.suffix == ".csv":
        frame = pd.read_csv(
            path,
            dtype=str,
            usecols=None if wanted is None else (lambda name: _normal(name) in wanted),
            keep_default_na=False,
            # Only an empty field is missing: "NA" or "null" typed into a form is text.
            na_values=[""],
            # Lines the CSV reader cannot split are the loader's rejected lines; the warehouse
            # reports them, the suites describe the rows that did load.
            on_bad_lines="skip",
            encoding_errors="replace",
        )
    else:
        names = pq.read_schema(path).names
        chosen = names if wanted is None else [name for name in names if _normal(name) in wanted]
        # Parquet may carry typed columns; the contract reads every column as text.
        frame = pd.read_parquet(path, columns=chosen).astype("str")
    frame.columns = [_normal(column) for column in frame.columns]
    return frame


def load_mart_frame(duckdb_path: Path, model: str) -> pd.DataFrame:
    """`marts.<model>` from the warehouse through a read-only connection, so a validation never
    holds the write lock a running build needs."""
    with duckdb.connect(str(duckdb_path), read_only=True) as connection:
        return connection.execute(f'select * from "{MART_SCHEMA}"."{model}"').df()
