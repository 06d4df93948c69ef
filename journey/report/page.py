"""One self-contained HTML page for a list of charts, and a PNG per chart.

The page inlines vl-convert's vega-embed bundle (Vega, Vega-Lite and vega-embed) and renders
each spec as SVG, so it opens from disk with no network. PNGs are drawn by vl-convert without a
browser.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import altair as alt
import vl_convert as vlc
from altair.utils._importers import vl_version_for_vl_convert

PNG_SCALE = 2


@dataclass(frozen=True)
class Figure:
    name: str
    title: str
    caption: str
    chart: alt.TopLevelMixin


@cache
def vega_embed_bundle() -> str:
    """vega-embed with Vega and Vega-Lite, as one script shipped inside vl-convert-python."""
    return vlc.javascript_bundle(vl_version=vl_version_for_vl_convert())


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()


def write_png(figure: Figure, path: Path) -> Path:
    path.write_bytes(
        vlc.vegalite_to_png(
            chart_spec(figure.chart),
            scale=PNG_SCALE,
            vl_version=vl_version_for_vl_convert(),
        )
    )
    return path


def _script_json(value: object) -> str:
    # `</` would end the <script> element early; JSON allows the escaped slash.
    return json.dumps(value).replace("</", "<\\/")


_RENDER = """
document.querySelectorAll('script.chart-spec').forEach(function (element) {
  var holder = document.getElementById('chart-' + element.dataset.chart);
  vegaEmbed(holder, JSON.parse(element.textContent), {renderer: 'svg', actions: false})
    .then(function () { holder.dataset.rendered = 'true'; })
    .catch(function (error) {
      holder.dataset.rendered = 'error';
      holder.textContent = 'This chart could not be drawn: ' + error;
    });
});
"""

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1100px; }
section { margin: 2.5rem 0; }
.caption { color: #555; max-width: 60rem; }
.meta { color: #555; }
"""


def render_page(title: str, intro: str, figures: list[Figure], png_links: bool = True) -> str:
    sections = []
    for figure in figures:
        png = f' <a href="{html.escape(figure.name)}.png">PNG</a>' if png_links else ""
        sections.append(
            f'<section id="{html.escape(figure.name)}">\n'
            f"<h2>{html.escape(figure.title)}</h2>\n"
            f'<p class="caption">{html.escape(figure.caption)}{png}</p>\n'
            f'<div class="chart" id="chart-{html.escape(figure.name)}"></div>\n'
            f'<script type="application/json" class="chart-spec" '
            f'data-chart="{html.escape(figure.name)}">{_script_json(chart_spec(figure.chart))}'
            f"</script>\n</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n"
        f"<script>{vega_embed_bundle()}</script>\n</head>\n<body>\n"
        f'<h1>{html.escape(title)}</h1>\n<p class="meta">{html.escape(intro)}</p>\n'
        + "\n".join(sections)
        + f"\n<script>{_RENDER}</script>\n</body>\n</html>\n"
    )
