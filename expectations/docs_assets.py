"""Data Docs that render without network: GX pages load their scripts, stylesheets and logo
from public CDNs; the site gets local copies (`data_docs_assets/`, see its README) and every
page's CDN URL is pointed at them.

Run after each render (GX rewrites the pages it renders with the CDN URLs again); pages that
already point at the local copies are left as they are.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

ASSETS_DIR = Path(__file__).with_name("data_docs_assets")
# Where the copies go inside the site, next to GX's own `static/images` and `static/styles`.
SITE_VENDOR_DIR = Path("static") / "vendor"
SITE_IMAGES_DIR = Path("static") / "images"

# Every CDN URL GX's templates (great_expectations/render/view/templates) load, and the file
# of data_docs_assets/ that replaces it.
CDN_ASSETS: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed/vega-embed.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
        "fontawesome/css/all.min.css"
    ),
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": (
        "popper.js/popper.min.js"
    ),
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": (
        "bootstrap/js/bootstrap.min.js"
    ),
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": (
        "bootstrap/css/bootstrap.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": (
        "bootstrap-table/bootstrap-table.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": (
        "bootstrap-table/bootstrap-table.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.js"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css": (
        "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css": "bootstrap-datepicker/css/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js": "bootstrap-datepicker/js/bootstrap-datepicker.min.js",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css": "bootstrap-dark/bootstrap-prefers-dark.min.css",
}
# The navbar logo comes from GX's S3 bucket; the same image ships in the site's static/images.
GX_IMAGES_URL = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"

_ASSET_TAG = re.compile(r"<(?:script|link|img)\b[^>]*>", re.IGNORECASE)
_ASSET_URL = re.compile(r"""\b(src|href)(\s*=\s*)(["'])([^"']*)\3""", re.IGNORECASE)
# Subresource integrity and CORS mode make a browser refuse a file:// copy; the local copy
# needs neither.
_CORS_ATTRIBUTE = re.compile(r"""\s+(?:integrity|crossorigin)\s*=\s*(["'])[^"']*\1""", re.I)


def local_asset(url: str, site: Path, page: Path) -> Path | None:
    """The file of the site that replaces a URL: a CDN URL of GX's, or a link into the site's
    `static/` folder that misses it (GX's favicon link climbs one folder too few on result
    pages); None when the URL is fine as it is or not one of GX's."""
    if "://" not in url and "/static/" in f"/{url}":
        if (page.parent / url).exists():
            return None
        return site / "static" / url.split("static/", 1)[1]
    if url in CDN_ASSETS:
        return site / SITE_VENDOR_DIR / CDN_ASSETS[url]
    if url.startswith(GX_IMAGES_URL):
        name = url.removeprefix(GX_IMAGES_URL).split("?", 1)[0]
        return site / SITE_IMAGES_DIR / name
    return None


def localize_page(text: str, page: Path, site: Path) -> str:
    """A page's HTML with GX's CDN asset URLs replaced by paths relative to the page."""

    def tag(match: re.Match[str]) -> str:
        original = match.group(0)

        def attribute(found: re.Match[str]) -> str:
            target = local_asset(found.group(4), site, page)
            if target is None:
                return found.group(0)
            relative = Path(os.path.relpath(target, page.parent)).as_posix()
            return f"{found.group(1)}{found.group(2)}{found.group(3)}{relative}{found.group(3)}"

        rewritten = _ASSET_URL.sub(attribute, original)
        return _CORS_ATTRIBUTE.sub("", rewritten) if rewritten != original else original

    return _ASSET_TAG.sub(tag, text)


def vendor_site(site: Path) -> int:
    """Copies the assets into the site and rewrites its pages; returns the pages changed."""
    shutil.copytree(ASSETS_DIR, site / SITE_VENDOR_DIR, dirs_exist_ok=True)
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        localized = localize_page(text, page, site)
        if localized != text:
            page.write_text(localized, encoding="utf-8")
            changed += 1
    return changed
