"""The run's erasure helpers on small real DuckDB files and folders (orchestration/erasure.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from orchestration.erasure import (
    SUPPRESSIONS,
    BuildSql,
    carry_erasure_state,
    compact_build,
    keyed_hash,
    pending_erasure,
    purge_files,
)


def test_keyed_hash_is_the_warehouse_hash() -> None:
    with duckdb.connect() as connection:
        in_sql = connection.execute("select sha256('secret:' || 'josé@example.org')").fetchall()
    assert in_sql[0][0] == keyed_hash("secret", "josé@example.org")
    assert keyed_hash("secret", "a") != keyed_hash("other", "a")


def test_purge_files_removes_every_file_naming_a_value_in_any_case(tmp_path: Path) -> None:
    (tmp_path / "gx" / "validations").mkdir(parents=True)
    named = tmp_path / "gx" / "validations" / "result.json"
    named.write_text('{"unexpected": ["  Jane.Doe@Example.COM "]}')
    other = tmp_path / "gx" / "other.json"
    other.write_text('{"unexpected": ["someone@else.org"]}')
    duckdb_file = tmp_path / "copy.duckdb"
    duckdb_file.write_text("jane.doe@example.com")
    kept = tmp_path / "build"
    kept.mkdir()
    (kept / "notes.txt").write_text("jane.doe@example.com")

    removed = purge_files([tmp_path], ["jane.doe@example.com"], keep=[kept])

    assert removed == 1
    assert not named.exists()
    assert other.exists() and duckdb_file.exists() and (kept / "notes.txt").exists()


def test_compact_build_keeps_landing_rows_and_drops_deleted_bytes_and_models(
    tmp_path: Path,
) -> None:
    build = tmp_path / "journey.duckdb"
    secret = "erase-me-" + "x" * 40
    with duckdb.connect(str(build)) as connection:
        connection.execute("create schema landing")
        connection.execute(
            "create table landing.people as select 'p' || range::varchar as id,"
            " case when range = 7 then ? else 'kept' end as email from range(5000)",
            [secret],
        )
        connection.execute("create schema staging")
        connection.execute("create table staging.resolved as select * from landing.people")
        connection.execute("checkpoint")
        connection.execute("delete from landing.people where email = ?", [secret])
    compact_build(build)
    assert secret.encode() not in build.read_bytes()
    with duckdb.connect(str(build), read_only=True) as connection:
        assert connection.execute("select count(*) from landing.people").fetchall() == [(4999,)]
        schemas = connection.execute("select distinct schema_name from duckdb_tables()").fetchall()
    # Models of the resolving pass are rebuilt by the dbt build: they are not carried.
    assert schemas == [("landing",)]


def test_suppressions_are_carried_from_the_previous_warehouse(tmp_path: Path) -> None:
    previous = tmp_path / "published.duckdb"
    with duckdb.connect(str(previous)) as connection:
        connection.execute("create schema erasure")
        connection.execute(
            f"create table {SUPPRESSIONS} as select 'R1' as request_id, timestamp '2026-01-01'"
            " as requested_at, 'email' as identifier_type, 'abc' as identifier_hash"
        )
    build = tmp_path / "build.duckdb"
    with duckdb.connect(str(build)) as connection:
        connection.execute("create schema landing")
        connection.execute("create table landing.erasure_requests (request_id varchar)")
    assert not _pending(build)
    assert carry_erasure_state(previous, build) == 1
    assert _pending(build)
    assert carry_erasure_state(None, tmp_path / "fresh.duckdb") == 0


def _pending(build: Path) -> bool:
    with duckdb.connect(str(build), read_only=True) as connection:
        return pending_erasure(BuildSql(connection))
