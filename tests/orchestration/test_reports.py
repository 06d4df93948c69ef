"""The dbt docs page built from a docs call's template and the run's build manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.reports import INLINE_SLOTS, publish_dbt_docs, static_docs_page


def _docs_call(folder: Path, template: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(template)
    (folder / "catalog.json").write_text('{"nodes": {"c": 1}}')
    (folder / "manifest.json").write_text('{"nodes": "parsed only"}')
    return folder


def test_the_page_carries_the_given_manifest_and_the_calls_catalog(tmp_path: Path) -> None:
    slots = ",".join(f"{name}:{slot}" for name, slot in INLINE_SLOTS.items())
    docs = _docs_call(tmp_path / "docs", f"<script>var n={{{slots}}}</script>")
    built = tmp_path / "build_manifest.json"
    built.write_text('{"nodes": "compiled by the build"}')

    index = publish_dbt_docs(docs, tmp_path / "site", built)

    page = index.read_text()
    assert '{"nodes": "compiled by the build"}' in page
    assert '{"nodes": {"c": 1}}' in page
    assert "parsed only" not in page
    assert (tmp_path / "site" / "manifest.json").read_text() == built.read_text()


def test_a_template_without_a_place_for_the_data_is_refused(tmp_path: Path) -> None:
    docs = _docs_call(tmp_path / "docs", "<html>a page of another dbt version</html>")
    artifacts = {"manifest.json": docs / "manifest.json", "catalog.json": docs / "catalog.json"}
    with pytest.raises(ValueError, match=r"no place for manifest\.json"):
        static_docs_page(docs / "index.html", artifacts)
