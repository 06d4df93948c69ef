"""The job's dbt CLI resource: dagster-dbt's, without the adapter and version probes."""

from __future__ import annotations

import time
from pathlib import Path

import dagster_dbt.core.resource as dagster_dbt_resource
import pytest
from dbt.version import __version__ as dbt_core_version

from orchestration.project import (
    PARTIAL_PARSE,
    invocation_target_dir,
    journey_dbt_cli,
    journey_dbt_project,
    parse_state_key,
    prepare_manifest,
)


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


def test_each_call_starts_from_the_newest_parse_of_its_own_vars(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    build_args = ["build", "--vars", '{"a": 1}']
    erasure_args = ["build", "--select", "x", "--vars", '{"a": 1, "erasing": true}']
    # A build, then an erasure pass with other vars, each leaving its parse state.
    for purpose, args, state in (
        ("build", build_args, b"parsed for the build"),
        ("erasure", erasure_args, b"parsed for the erasure"),
    ):
        folder = invocation_target_dir(purpose, args)
        (folder / PARTIAL_PARSE).write_bytes(state)
        time.sleep(0.01)

    # The next build takes the build's state, not the newer erasure one; the docs call, with
    # the erasure's vars, takes that one.
    assert (invocation_target_dir("build", build_args) / PARTIAL_PARSE).read_bytes() == (
        b"parsed for the build"
    )
    assert (invocation_target_dir("docs", erasure_args) / PARTIAL_PARSE).read_bytes() == (
        b"parsed for the erasure"
    )
    # Vars no call has parsed for yet: the newest state, which dbt checks and parses again.
    other = invocation_target_dir("landing", ["run-operation", "x", "--vars", "{}"])
    assert (other / PARTIAL_PARSE).read_bytes() == b"parsed for the erasure"
    # The same vars for another warehouse (another profile) are another key.
    here = parse_state_key(build_args)
    monkeypatch.setenv("JOURNEY_DUCKDB_PATH", str(tmp_path / "elsewhere.duckdb"))
    assert parse_state_key(build_args) != here


def test_the_parse_key_leaves_secrets_out(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["build", "--vars", "{}"]
    here = parse_state_key(args)
    monkeypatch.setenv("JOURNEY_PRIVACY_KEY", "another key")
    monkeypatch.setenv("JOURNEY_PG_PASSWORD", "another password")
    assert parse_state_key(args) == here
    monkeypatch.setenv("JOURNEY_TARGET", "postgres")
    assert parse_state_key(args) != here
