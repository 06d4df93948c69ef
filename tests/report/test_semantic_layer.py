"""The MetricFlow semantic layer: `mf query` against a built warehouse answers with the
numbers of the marts."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dbt_harness import Warehouse

from journey.settings import PROJECT_DIR

PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests/dbt")


def _mf() -> str:
    beside_python = Path(sys.executable).with_name("mf")
    return str(beside_python) if beside_python.exists() else "mf"


@pytest.fixture(scope="module")
def project(warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A copy of the dbt project with the semantic manifest of the warehouse's own build: `mf`
    reads target/semantic_manifest.json under the project root, so the copy keeps this test off
    the checkout's target/ folder."""
    root = tmp_path_factory.mktemp("mf") / "project"
    for name in PROJECT_FILES:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / name)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DBT_TARGET_PATH", "DBT_LOG_PATH")
    }
    env.update(
        JOURNEY_RAW_DIR=str(warehouse.raw_dir),
        JOURNEY_DUCKDB_PATH=str(warehouse.duckdb_path),
        DBT_PROFILES_DIR=str(root),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    (root / "target").mkdir()
    shutil.copyfile(
        warehouse.target_dir / "semantic_manifest.json", root / "target" / "semantic_manifest.json"
    )
    return root, env


def _mf_query(project: tuple[Path, dict], *args: str) -> list[dict[str, str]]:
    root, env = project
    out = root / "result.csv"
    done = subprocess.run(
        [_mf(), "query", *args, "--csv", str(out), "--quiet"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_revenue_by_channel_matches_the_touchpoints_mart(
    project: tuple[Path, dict], warehouse: Warehouse
) -> None:
    rows = _mf_query(project, "--metrics", "revenue", "--group-by", "touchpoint__channel")
    answered = {row["touchpoint__channel"]: float(row["revenue"]) for row in rows}
    expected = warehouse.query(
        "select channel, sum(case when is_conversion then revenue_usd else 0 end) "
        "from marts.fct_touchpoints group by channel"
    )
    assert answered == {channel: pytest.approx(value) for channel, value in expected}
    assert sum(answered.values()) > 0


def test_attributed_revenue_by_channel_and_model_matches_the_attribution_mart(
    project: tuple[Path, dict], warehouse: Warehouse
) -> None:
    rows = _mf_query(
        project,
        "--metrics",
        "attributed_revenue",
        "--group-by",
        "attribution__channel,attribution__attribution_model",
    )
    answered = {
        (row["attribution__attribution_model"], row["attribution__channel"]): float(
            row["attributed_revenue"]
        )
        for row in rows
    }
    expected = warehouse.query(
        "select attribution_model, channel, sum(revenue_credit) from marts.fct_attribution "
        "group by all"
    )
    assert answered == {(model, channel): pytest.approx(v) for model, channel, v in expected}


def test_nps_and_conversion_rate(project: tuple[Path, dict], warehouse: Warehouse) -> None:
    (row,) = _mf_query(project, "--metrics", "nps,conversion_rate,stalled_customers")
    promoters, detractors, responses = warehouse.query(
        "select sum(promoters), sum(detractors), sum(responses) from marts.agg_nps_by_stage"
    )[0]
    assert float(row["nps"]) == pytest.approx(100.0 * (promoters - detractors) / responses)
    purchased, customers = warehouse.query(
        "select count(first_purchase_at), count(*) from marts.dim_customers"
    )[0]
    assert float(row["conversion_rate"]) == pytest.approx(purchased / customers)
    (stalled,) = warehouse.query("select count(*) from marts.fct_stalled_customers")[0]
    assert float(row["stalled_customers"]) == stalled
