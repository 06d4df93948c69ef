"""The code location loads and holds what the daily job needs, derived from the dbt manifest."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from expectations.runner import SUITES
from journey.settings import LANDING_TABLES, PROJECT_DIR
from orchestration.jobs import JOURNEY_DAILY
from orchestration.project import journey_dbt_project
from orchestration.translator import MODEL_LAYERS, model_asset_keys


def _manifest() -> dict:
    return json.loads(journey_dbt_project().manifest_path.read_text())


def test_landing_assets_one_per_raw_table(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    for table in LANDING_TABLES:
        node = graph.get(dg.AssetKey(["landing", table]))
        assert node.is_executable
        assert node.group_name == "landing"


def test_dbt_models_grouped_by_folder_and_fed_by_landing(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    keys = model_asset_keys(_manifest())
    assert keys, "the dbt project has no models"
    for name, key in keys.items():
        node = graph.get(key)
        assert node.group_name in MODEL_LAYERS, (name, node.group_name)
        assert key.path[0] == node.group_name
    # Every staging model that reads a landing table depends on that table's landing asset.
    landing_keys = {dg.AssetKey(["landing", table]) for table in LANDING_TABLES}
    fed = {
        parent
        for key in keys.values()
        for parent in graph.get(key).parent_keys
        if parent in landing_keys
    }
    assert fed == landing_keys


def test_dbt_tests_are_asset_checks(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    dbt_checks = [key for key in graph.asset_check_keys if key.asset_key.path[0] in MODEL_LAYERS]
    assert any(key.name.startswith(("unique_", "not_null_")) for key in dbt_checks)


def test_quality_suites_are_asset_checks(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    checks = {key.name: key for key in graph.asset_check_keys}
    models = model_asset_keys(_manifest())
    for spec in SUITES:
        if spec.layer == "raw":
            expected_asset = dg.AssetKey(["landing", spec.table])
        elif spec.table in models:
            expected_asset = models[spec.table]
        else:
            continue  # a mart suite whose model does not exist yet
        assert checks[spec.name].asset_key == expected_asset
        # Contract suites gate what is downstream; descriptive ones only warn.
        assert graph.get(checks[spec.name]).blocking == (spec.severity == "error")
    assert any(spec.layer == "raw" for spec in SUITES)


def test_job_schedule_and_sensor(definitions: dg.Definitions) -> None:
    job = definitions.resolve_job_def(JOURNEY_DAILY)
    assert job.executor_def is dg.in_process_executor
    planned = job.asset_layer.executable_asset_keys
    assert dg.AssetKey(["reports", "dbt_docs"]) in planned
    assert dg.AssetKey(["warehouse", "published"]) in planned
    assert dg.AssetKey(["reports", "journey_report"]) in planned
    assert {dg.AssetKey(["landing", table]) for table in LANDING_TABLES} <= planned

    schedule = definitions.resolve_schedule_def("journey_daily_schedule")
    assert schedule.job_name == JOURNEY_DAILY
    assert schedule.cron_schedule == "0 5 * * *"
    assert schedule.execution_timezone == "UTC"

    sensor = definitions.resolve_sensor_def("landing_folder_sensor")
    assert sensor.job_name == JOURNEY_DAILY


def test_dagster_cli_validates_the_code_location(tmp_path: Path) -> None:
    dagster = Path(sys.executable).with_name("dagster")
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    (tmp_path / "dagster.yaml").write_text("")
    completed = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "orchestration.definitions"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]


def test_publication_comes_after_every_model_and_the_docs(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    published = dg.AssetKey(["warehouse", "published"])
    upstream = graph.get(published).parent_keys
    assert dg.AssetKey(["reports", "dbt_docs"]) in upstream
    assert set(model_asset_keys(_manifest()).values()) <= upstream


def test_bare_dagster_dev_finds_the_code_location() -> None:
    import tomllib

    config = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
    assert config["tool"]["dagster"]["module_name"] == "orchestration.definitions"
    assert config["project"]["scripts"]["journey"] == "orchestration.cli:main"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_journey_package_imports_nothing_from_orchestration() -> None:
    offenders = {
        str(path.relative_to(PROJECT_DIR)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] == "orchestration"
        )
        for path in (PROJECT_DIR / "journey").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}
