"""The journey report: charts of the marts as one offline HTML page plus a PNG per chart, and
one customer's journey map. Vega-Lite via altair; the JavaScript comes from vl-convert-python's
bundle, inlined, so pages open without network."""

from journey.report.build import (
    REPORT_CHARTS,
    build_journey_report,
    journey_report_dir,
    write_customer_journey,
)

__all__ = [
    "REPORT_CHARTS",
    "build_journey_report",
    "journey_report_dir",
    "write_customer_journey",
]
