"""Fixtures for the demo data generator: generated landing folders, read back independently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from generated_files import Rows, read_csv_file, read_table

from journey.generate import generate


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """Factory: a landing folder for (persons, seed, fmt, chunk_persons), built once per session."""
    cache: dict[tuple, Path] = {}

    def build(
        persons: int, seed: int = 7, fmt: str = "parquet", chunk_persons: int = 20_000
    ) -> Path:
        key = (persons, seed, fmt, chunk_persons)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"gen_{persons}_{seed}_{fmt}_{chunk_persons}")
            generate(
                out,
                persons=persons,
                seed=seed,
                fmt=fmt,
                progress=False,
                chunk_persons=chunk_persons,
            )
            cache[key] = out
        return cache[key]

    return build


@pytest.fixture(scope="session")
def landing(generated: Callable[..., Path]) -> dict[str, Rows]:
    """All nine tables of a 2,000-person parquet landing folder, as rows."""
    folder = generated(2000)
    from journey.generate.schema import TABLES

    return {name: read_table(folder, name)[1] for name in TABLES}


@pytest.fixture(scope="session")
def persons_truth(generated: Callable[..., Path]) -> Rows:
    return read_csv_file(generated(2000) / "_truth" / "persons.csv")[1]
