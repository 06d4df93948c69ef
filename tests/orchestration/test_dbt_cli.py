"""The job's dbt CLI resource: dagster-dbt's, without the adapter and version probes."""

from __future__ import annotations

from pathlib import Path

import dagster_dbt.core.resource as dagster_dbt_resource
import pytest
from dbt.version import __version__ as dbt_core_version

from orchestration.project import journey_dbt_cli, journey_dbt_project, prepare_manifest


def test_a_dbt_call_opens_no_adapter_and_starts_no_version_probe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probes: list[object] = []
    monkeypatch.setattr(
        dagster_dbt_resource, "check_output", lambda *args, **kwargs: probes.append(args)
    )
    project = journey_dbt_project()
    prepare_manifest(project)
    dbt = journey_dbt_cli(project)

    invocation = dbt.cli(["ls", "--resource-type", "seed"], target_path=tmp_path / "target")
    assert invocation.wait().is_successful()
    assert invocation.adapter is None
    assert probes == []
    assert str(dbt._cli_version) == dbt_core_version
