"""Landing assets observe files, bytes, rows and modification time of each raw table."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from orchestration.landing import (
    build_landing_asset,
    check_landing_table,
    describe_landing_table,
)
from orchestration.resources import JourneyResource


def _resource(raw_dir: Path, tmp_path: Path) -> JourneyResource:
    return JourneyResource(
        raw_dir=str(raw_dir),
        duckdb_path=str(tmp_path / "wh.duckdb"),
        reports_dir=str(tmp_path / "reports"),
    )


def test_csv_rows_counted_like_the_loader(tmp_path: Path) -> None:
    # A broken line (unterminated quote, extra field) is rejected by the loader, not counted.
    (tmp_path / "survey_nps.csv").write_text(
        "response_id,email,score\nR1,a@b.co,9\nR2,c@d.co,7,extra\nR3,e@f.co,10\n"
    )
    (landing_file,) = describe_landing_table(tmp_path, "survey_nps")
    assert landing_file.rows == 2
    assert landing_file.columns == ("response_id", "email", "score")
    assert landing_file.bytes == (tmp_path / "survey_nps.csv").stat().st_size


def test_folder_of_parquet_and_csv_parts(tmp_path: Path) -> None:
    folder = tmp_path / "web_identifies"
    folder.mkdir()
    table = pa.table({"anonymous_id": ["a1", "a2", "a3"], "user_id": ["u1", None, "u3"]})
    pq.write_table(table, folder / "part-1.parquet")
    (folder / "part-2.csv").write_text("anonymous_id,user_id\na4,u4\n")
    (folder / "notes.txt").write_text("not a landing file")
    files = describe_landing_table(tmp_path, "web_identifies")
    assert [f.path.name for f in files] == ["part-1.parquet", "part-2.csv"]
    assert sum(f.rows for f in files) == 4


def test_missing_table_and_column_are_named(tmp_path: Path) -> None:
    assert "Landing table 'crm_deals' not found" in check_landing_table(
        tmp_path, "crm_deals", [], ["deal_id"]
    )
    (tmp_path / "crm_deals.csv").write_text("deal_id,amount\nD1,10\n")
    files = describe_landing_table(tmp_path, "crm_deals")
    problem = check_landing_table(tmp_path, "crm_deals", files, ["deal_id", "currency"])
    assert "crm_deals" in problem and "'currency' missing" in problem


def test_asset_reports_metadata(tmp_path: Path) -> None:
    (tmp_path / "crm_accounts.csv").write_text("account_id,account_name\nA1,Acme\nA2,Globex\n")
    asset = build_landing_asset("crm_accounts", ["account_id"])
    result = dg.materialize([asset], resources={"journey": _resource(tmp_path, tmp_path)})
    (materialization,) = result.asset_materializations_for_node(asset.op.name)
    metadata = materialization.metadata
    assert metadata["dagster/row_count"].value == 2
    assert metadata["file_count"].value == 1
    assert metadata["bytes"].value == (tmp_path / "crm_accounts.csv").stat().st_size
    assert "modified_at" in metadata


def test_asset_fails_on_a_missing_table(tmp_path: Path) -> None:
    asset = build_landing_asset("crm_accounts", ["account_id"])
    with pytest.raises(dg.Failure, match="Landing table 'crm_accounts' not found"):
        dg.materialize([asset], resources={"journey": _resource(tmp_path, tmp_path)})
