"""`python -m journey.generate` and the argparse hooks the project CLI reuses."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from journey.generate import add_arguments, generate, run_from_args
from journey.generate.schema import TABLES

PROJECT_DIR = Path(__file__).resolve().parents[2]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_module_entry_point_writes_csv_and_prints_counts(tmp_path: Path) -> None:
    out = tmp_path / "landing"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "journey.generate",
            "--persons",
            "300",
            "--seed",
            "7",
            "--out",
            str(out),
            "--format",
            "csv",
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(path.name for path in out.glob("*.csv")) == sorted(f"{t}.csv" for t in TABLES)
    for name in TABLES:
        assert name in done.stdout
    assert "total" in done.stdout
    assert "300/300 persons" in done.stderr  # the progress bar goes to stderr


def test_run_from_args_prints_a_table_and_no_progress(tmp_path: Path, capsys) -> None:
    args = parse("--persons", "120", "--seed", "3", "--out", str(tmp_path), "--no-progress")
    assert run_from_args(args) == 0
    printed = capsys.readouterr()
    assert printed.err == ""
    lines = printed.out.splitlines()
    counts = {line.split()[0]: int(line.split()[1].replace(",", "")) for line in lines[1:11]}
    assert list(counts)[:9] == list(TABLES)
    assert counts["total"] == sum(counts[name] for name in TABLES)
    assert (tmp_path / "web_events.parquet").exists()


def test_defaults_and_bad_arguments(tmp_path: Path, capsys) -> None:
    args = parse()
    assert (args.seed, args.format, args.no_progress, args.out) == (42, "parquet", False, None)
    with pytest.raises(SystemExit):
        parse("--format", "json")
    assert run_from_args(parse("--persons", "-1", "--out", str(tmp_path))) == 2
    assert "persons" in capsys.readouterr().err
    with pytest.raises(ValueError):
        generate(tmp_path, persons=10, fmt="xlsx", progress=False)
