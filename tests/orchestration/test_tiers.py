"""The tier helpers on their own: paths, the key file, masking, the dashboard writer."""

from __future__ import annotations

import stat
from pathlib import Path

import duckdb
import pytest

from expectations.masking import mask_result
from journey.privacy import (
    contains_personal_pattern,
    identity_path,
    key_file,
    mask_for_column,
    mask_text,
    mask_value,
    privacy_key,
    privacy_key_file,
)
from orchestration.tiers import DashboardRelation, dashboard_relations, write_dashboard


def test_identity_path_defaults_beside_the_dashboard_file(tmp_path: Path) -> None:
    dashboard = tmp_path / "journey.duckdb"
    assert identity_path(dashboard, {}) == tmp_path / "journey.identity.duckdb"
    chosen = tmp_path / "vault" / "people.duckdb"
    assert identity_path(dashboard, {"JOURNEY_IDENTITY_DUCKDB_PATH": str(chosen)}) == chosen


def test_key_file_is_random_owner_only_and_kept(tmp_path: Path) -> None:
    dashboard = tmp_path / "journey.duckdb"
    first = privacy_key(dashboard, {})
    assert len(first) == 64
    assert stat.S_IMODE(key_file(dashboard).stat().st_mode) == 0o600
    assert privacy_key(dashboard, {}) == first
    other = privacy_key(tmp_path / "sub" / "journey.duckdb", {})
    assert other != first
    # A key given by the setting is the one in use (and written for dbt, owner only).
    path = privacy_key_file(dashboard, {"JOURNEY_PRIVACY_KEY": "from-the-vault"})
    assert path.read_text().strip() == "from-the-vault"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("Jane.Doe@Example.com", "J***@E***.com"),
        ("a@@acme.io", "a*** (10 chars)"),
        ("Jane", "J*** (4 chars)"),
        (None, None),
        (42, 42),
    ],
)
def test_mask_value(value: object, masked: object) -> None:
    assert mask_value(value) == masked


def test_mask_text_hides_emails_phones_and_ips_but_not_timestamps() -> None:
    text = "jane@shop.io called from +1-201-555-0123 at 10.1.2.3 on 2024-01-31 10:00:00"
    masked = mask_text(text)
    assert not contains_personal_pattern(masked)
    assert "2024-01-31 10:00:00" in masked and "j***@s***.io" in masked
    assert not contains_personal_pattern("43504045-990f-4ebd-8590-d85a2d27a202")
    assert contains_personal_pattern("(201) 555-0123")


def test_samples_of_personal_columns_are_masked_others_only_by_pattern() -> None:
    assert mask_for_column("email__normalised", "jane@@shop.io") == "j*** (13 chars)"
    assert mask_for_column("created_at__utc", "31/12/2024") == "31/12/2024"
    result = mask_result(
        "email",
        {
            "unexpected_count": 2,
            "partial_unexpected_list": ["jane@shop.io", "bob@@x.io"],
            "partial_unexpected_counts": [{"value": "jane@shop.io", "count": 1}],
        },
    )
    assert result == {
        "unexpected_count": 2,
        "partial_unexpected_list": ["j***@s***.io", "b*** (9 chars)"],
        "partial_unexpected_counts": [{"value": "j***@s***.io", "count": 1}],
    }


def test_dashboard_relations_follow_the_tier_and_personal_meta() -> None:
    manifest = {
        "nodes": {
            "model.a": {
                "resource_type": "model",
                "schema": "marts",
                "name": "dim_people",
                "config": {"materialized": "table", "meta": {"tier": "dashboard"}},
                "columns": {
                    "person_id": {"meta": {}},
                    "email": {"meta": {"personal": "a direct identifier"}},
                },
            },
            "model.b": {
                "resource_type": "model",
                "schema": "marts",
                "name": "dim_identifiers",
                "config": {"materialized": "table", "meta": {"tier": "identity"}},
                "columns": {},
            },
            "model.c": {
                "resource_type": "model",
                "schema": "staging",
                "name": "stg_people",
                "config": {"materialized": "view"},
                "columns": {},
            },
        }
    }
    assert dashboard_relations(manifest) == [DashboardRelation("marts", "dim_people", ("email",))]


def test_write_dashboard_copies_only_the_chosen_relations_without_personal_columns(
    tmp_path: Path,
) -> None:
    build = tmp_path / "build" / "journey.duckdb"
    build.parent.mkdir()
    with duckdb.connect(str(build)) as connection:
        for schema in ("marts", "staging", "meta"):
            connection.execute(f"create schema {schema}")
        connection.execute("create table marts.dim_people as select 'p1' as id, 'a@b.io' as email")
        connection.execute("create view marts.people_view as select id from marts.dim_people")
        connection.execute("create table staging.raw_people as select 'a@b.io' as email")
        connection.execute("create table meta.published_run as select 'run-1' as run_id")
    target = tmp_path / "dashboard" / "journey.duckdb"
    target.parent.mkdir()

    written = write_dashboard(
        build,
        target,
        [
            DashboardRelation("marts", "dim_people", ("email",)),
            DashboardRelation("marts", "people_view", ()),
        ],
    )

    assert written == 3
    with duckdb.connect(str(target), read_only=True) as connection:
        tables = connection.execute(
            "select table_schema, table_name, table_type from information_schema.tables"
            " order by 1, 2"
        ).fetchall()
        assert tables == [
            ("marts", "dim_people", "BASE TABLE"),
            ("marts", "people_view", "BASE TABLE"),
            ("meta", "published_run", "BASE TABLE"),
        ]
        assert connection.execute("select * from marts.dim_people").fetchall() == [("p1",)]
    with pytest.raises(LookupError, match=r"marts\.missing"):
        write_dashboard(build, target, [DashboardRelation("marts", "missing", ())])
