"""Same arguments, same bytes; another seed, other data."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey.generate import generate


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_same_arguments_give_identical_bytes(tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    rows = generate(first, persons=600, seed=11, fmt=fmt, progress=False, chunk_persons=250)
    again = generate(second, persons=600, seed=11, fmt=fmt, progress=False, chunk_persons=250)
    assert rows == again
    one, two = snapshot(first), snapshot(second)
    assert len(one) == 11  # nine tables, persons.csv and mess_counts.json
    assert one == two


def test_another_seed_gives_other_data(tmp_path: Path, generated) -> None:
    other = tmp_path / "other"
    generate(other, persons=2000, seed=8, progress=False)
    base = snapshot(generated(2000, seed=7))
    changed = snapshot(other)
    assert base.keys() == changed.keys()
    assert all(base[name] != changed[name] for name in base)


def test_rerun_replaces_the_other_format(tmp_path: Path) -> None:
    generate(tmp_path, persons=50, seed=1, fmt="csv", progress=False)
    generate(tmp_path, persons=50, seed=1, fmt="parquet", progress=False)
    assert not list(tmp_path.glob("*.csv"))
    assert len(list(tmp_path.glob("*.parquet"))) == 9
