"""The Data Docs site stands on its own: after a validation run no page loads a script, a
stylesheet or an image from the network, every asset a page names is a file of the site, and in
a headless Chromium without network the index's results table is drawn by the local scripts."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from dbt_harness import run_dbt
from headless_chromium import browse
from test_gx_data_docs import chromium  # noqa: F401  (fixture)

from expectations.docs_assets import localize_page
from expectations.runner import data_docs_index, run_suites
from journey.settings import Settings


class _Assets(HTMLParser):
    """The URLs of <script src>, <link href> and <img src> of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append((tag, value))


def _asset_urls(page: Path) -> list[tuple[str, str]]:
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.urls


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, good_landing: Path) -> Path:
    from gx_fixtures import mart_frames, write_warehouse

    work = tmp_path_factory.mktemp("offline_docs")
    warehouse = work / "warehouse.duckdb"
    loaded = run_dbt(["run-operation", "load_landing"], good_landing, warehouse, work)
    assert loaded.returncode == 0, loaded.stdout[-4000:]
    write_warehouse(warehouse, mart_frames())
    settings = Settings(good_landing, warehouse, work / "reports")
    # Two runs: the second re-renders the index over pages the first already localized.
    run_suites(settings, layer="raw", run_name="first")
    run_suites(settings, layer="raw", run_name="second")
    return data_docs_index(settings).parent


def test_no_page_loads_an_asset_from_the_network(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 3  # the index, validation results and suite pages
    remote = [
        (page.relative_to(site).as_posix(), tag, url)
        for page in pages
        for tag, url in _asset_urls(page)
        if urlsplit(url).scheme in ("http", "https")
    ]
    assert remote == []


def test_every_asset_a_page_names_is_a_file_of_the_site(site: Path) -> None:
    named = 0
    for page in site.rglob("*.html"):
        for tag, url in _asset_urls(page):
            parts = urlsplit(url)
            if parts.scheme == "data" or url.startswith("#"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: <{tag}> {url}"
            named += 1
    assert named > 0
    index_assets = {url for _, url in _asset_urls(site / "index.html")}
    assert "static/vendor/jquery/jquery.min.js" in index_assets
    assert "static/vendor/bootstrap/css/bootstrap.min.css" in index_assets


def test_cdn_tags_lose_integrity_and_cors_mode(tmp_path: Path) -> None:
    """A browser refuses a file:// script that asks for CORS mode; the local copy needs no
    integrity hash."""
    url = "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js"
    page = tmp_path / "validations" / "suite" / "run" / "page.html"
    text = f'<script src="{url}" integrity="sha384-abc" crossorigin="anonymous"></script>'
    assert localize_page(text, page, tmp_path) == (
        '<script src="../../../static/vendor/popper.js/popper.min.js"></script>'
    )
    # An unknown remote URL is left alone (the tests above catch it in a rendered page).
    other = '<script src="https://example.org/x.js" integrity="sha384-abc"></script>'
    assert localize_page(other, page, tmp_path) == other


def test_index_table_is_drawn_by_the_local_scripts_offline(
    chromium: Path,  # noqa: F811
    site: Path,
    tmp_path: Path,
) -> None:
    """GX's index lists the validation results in a Bootstrap Table that jQuery and
    bootstrap-table build in the browser: with the host resolver off, the table only exists
    when the local copies loaded."""
    dom = browse(
        chromium,
        tmp_path / "profile",
        site / "index.html",
        "--virtual-time-budget=5000",
        "--dump-dom",
    )
    assert "bootstrap-table" in dom  # the wrapper bootstrap-table.js adds around the table
    assert 'class="fixed-table-container' in dom
    assert "raw_crm_contacts" in dom
