"""A steward summary written into the Data Docs index as plain HTML.

GX draws its index table with scripts it loads from public CDNs; the site carries local copies
of them (docs_assets), and the summary needs no script at all: the latest result of every
suite, its severity, its status (passed, failed, or nothing to check), its failed expectations
with what was observed and those that had nothing to check, links to the rendered results, and
the recent runs. It is rebuilt after every run from the GX results store, so it also covers
suites that the run did not validate.
"""

from __future__ import annotations

import html
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.resource_identifiers import ValidationResultIdentifier

from expectations.checks import SuiteSpec
from expectations.context import SITE_NAME
from expectations.docs_assets import vendor_site
from expectations.verdict import FAILED, NOTHING_TO_CHECK, PASSED, stored_findings

START = "<!-- journey-summary:start -->"
END = "<!-- journey-summary:end -->"
# Where GX's index page starts its main column; the summary goes first inside it.
_ANCHOR = '<div class="col-md-10 col-lg-10 col-xs-12 pl-md-4 pr-md-3">'
RECENT_RUNS = 15
_SHOWN_FAILURES = 8


def write_summary(
    context: AbstractDataContext, index: Path, headline: str, suites: Sequence[SuiteSpec]
) -> None:
    keys = [
        key
        for key in context.validation_results_store.list_keys()
        if isinstance(key, ValidationResultIdentifier)
    ]
    block = _render(context, index.parent, keys, headline, suites)
    page = index.read_text(encoding="utf-8")
    if START in page:
        before, rest = page.split(START, 1)
        page = before + rest.split(END, 1)[1]
    if _ANCHOR in page:
        page = page.replace(_ANCHOR, _ANCHOR + block, 1)
    else:
        page = page.replace("<body>", "<body>" + block, 1)
    index.write_text(page, encoding="utf-8")
    # GX has just rendered pages that load their scripts and styles from CDNs.
    vendor_site(index.parent)


def _render(
    context: AbstractDataContext,
    site: Path,
    keys: list[ValidationResultIdentifier],
    headline: str,
    suites: Sequence[SuiteSpec],
) -> str:
    latest: dict[str, ValidationResultIdentifier] = {}
    for key in keys:
        name = key.expectation_suite_identifier.name
        if name not in latest or key.run_id.run_time > latest[name].run_id.run_time:
            latest[name] = key
    order = {spec.name: position for position, spec in enumerate(suites)}
    specs = {spec.name: spec for spec in suites}
    results = {name: _headline(context, key) for name, key in latest.items()}

    def rank(name: str) -> tuple[int, int, str]:
        # Blocking failures first, then warnings, then nothing to check, then passes;
        # registry order within each.
        spec = specs.get(name)
        status = results[name]["status"]
        if status == FAILED:
            group = 0 if spec is None or spec.severity == "error" else 1
        else:
            group = 2 if status == NOTHING_TO_CHECK else 3
        return (group, order.get(name, len(order)), name)

    rows = []
    for name in sorted(latest, key=rank):
        key = latest[name]
        status = results[name]["status"]
        spec = specs.get(name)
        table = spec.table if spec else name
        failures, unchecked = (
            ([], [])
            if status == PASSED and not results[name]["unchecked"]
            else stored_findings(context.validation_results_store.get(key))
        )
        rows.append(
            _suite_row(
                name,
                table=spec.table if spec else "?",
                severity=spec.severity if spec else "?",
                status=status,
                statistics=results[name].get("statistics") or {},
                failures=[f.line(table) for f in failures]
                + [u.unchecked_line(table) for u in unchecked],
                link=_link(context, site, key),
                run_time=key.run_id.run_time,
            )
        )
    runs = _recent_runs(context, keys)
    return "\n".join(
        [
            START,
            '<section class="journey-summary" id="journey-summary">',
            "<h2>Data quality: latest result per suite</h2>",
            f'<p class="journey-headline">Last run: {html.escape(headline)}</p>',
            '<p class="journey-note">Severity <b>error</b> blocks the daily run; <b>warn</b> is '
            "for review; <b>nothing to check</b> means the table or column was empty (neither "
            "passed nor blocking). Each suite links to its full result.</p>",
            "<table><thead><tr><th>Status</th><th>Suite</th><th>Table</th><th>Severity</th>"
            "<th>Expectations</th><th>Failed, or nothing to check (observed)</th>"
            "<th>Validated</th>"
            "</tr></thead><tbody>",
            *rows,
            "</tbody></table>",
            "<h3>Recent runs</h3>",
            "<table><thead><tr><th>Run</th><th>Time (UTC)</th><th>Suites</th>"
            "<th>Failed suites</th></tr></thead><tbody>",
            *runs,
            "</tbody></table>",
            "</section>",
            END,
        ]
    )


def _suite_row(
    name: str,
    *,
    table: str,
    severity: str,
    status: str,
    statistics: dict,
    failures: list[str],
    link: str | None,
    run_time: object,
) -> str:
    evaluated = statistics.get("evaluated_expectations", 0)
    passed = statistics.get("successful_expectations", 0)
    unchecked = statistics.get("nothing_to_check_expectations", 0)
    label = status.replace("_", " ")
    shown = "".join(f"<li>{html.escape(line)}</li>" for line in failures[:_SHOWN_FAILURES])
    if len(failures) > _SHOWN_FAILURES:
        shown += f"<li>... {len(failures) - _SHOWN_FAILURES} more in the full result</li>"
    title = html.escape(name)
    suite_cell = f'<a href="{html.escape(link)}">{title}</a>' if link else title
    return (
        f'<tr class="journey-{status}">'
        f'<td class="journey-status-{status}">{label}</td>'
        f"<td>{suite_cell}</td><td>{html.escape(table)}</td>"
        f'<td class="journey-severity-{html.escape(severity)}">{html.escape(severity)}</td>'
        f"<td>{passed}/{evaluated} passed"
        f"{f', {unchecked} nothing to check' if unchecked else ''}</td>"
        f"<td>{'<ul>' + shown + '</ul>' if shown else ''}</td>"
        f"<td>{html.escape(_when(run_time))}</td></tr>"
    )


def _recent_runs(context: AbstractDataContext, keys: list[ValidationResultIdentifier]) -> list[str]:
    by_run: dict[tuple[object, str], list[ValidationResultIdentifier]] = defaultdict(list)
    for key in keys:
        by_run[(key.run_id.run_time, key.run_id.run_name or "")].append(key)
    rows = []
    for run_time, run_name in sorted(by_run, key=lambda run: run[0], reverse=True)[:RECENT_RUNS]:
        members = by_run[(run_time, run_name)]
        failed = sorted(
            key.expectation_suite_identifier.name
            for key in members
            if _headline(context, key)["status"] == FAILED
        )
        rows.append(
            f"<tr><td>{html.escape(run_name)}</td><td>{html.escape(_when(run_time))}</td>"
            f"<td>{len(members)}</td>"
            f"<td>{html.escape(', '.join(failed)) if failed else 'none'}</td></tr>"
        )
    return rows


def _headline(context: AbstractDataContext, key: ValidationResultIdentifier) -> dict:
    """status and statistics of a stored result, read as plain JSON: deserialising whole GX
    results for a history table costs seconds once a few hundred are kept."""
    store = context.validation_results_store
    document = json.loads(store.store_backend.get(store.key_to_tuple(key)))
    statistics = document.get("statistics") or {}
    status = (document.get("meta") or {}).get("journey_status")
    if status is None:
        status = PASSED if document.get("success") else FAILED
    return {
        "status": status,
        "statistics": statistics,
        "unchecked": statistics.get("nothing_to_check_expectations", 0),
    }


def _link(context: AbstractDataContext, site: Path, key: ValidationResultIdentifier) -> str | None:
    urls = context.get_docs_sites_urls(resource_identifier=key, site_name=SITE_NAME)
    url = urls[0].get("site_url") if urls else None
    if not url:
        return None
    return os.path.relpath(url.removeprefix("file://"), site)


def _when(run_time: object) -> str:
    text = getattr(run_time, "strftime", None)
    return text("%Y-%m-%d %H:%M:%S") if text else str(run_time)
