"""Styles GX inlines into every Data Docs page.

GX's pages take Bootstrap, jQuery and their tables from public CDNs. A steward's machine
without internet access (or a locked-down intranet) gets none of them: pages then render as
bare HTML and the index's results table, drawn by a CDN script, stays empty. These styles keep
the bare pages readable, and style the steward summary that `docs_site` writes into the index
as plain HTML, so the report works offline.
"""

CUSTOM_STYLES = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1f2933; margin: 0 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem 0; }
th, td { padding: 0.3rem 0.6rem; vertical-align: top; text-align: left; }
tr { border-bottom: 1px solid #e4e7eb; }
code, pre { font-size: 0.85rem; }
img[alt="Great Expectations"] { display: none; }
/* Status icons are Font Awesome glyphs from a CDN; draw them as text so they show offline. */
i.fas.fa-check-circle::before { content: "\\2714"; color: #2f855a; }
i.fas.fa-times::before { content: "\\2718"; color: #c53030; }
i.fas.fa-question-circle::before { content: "?"; color: #52606d; }
i.fas.fa-check-circle::before, i.fas.fa-times::before, i.fas.fa-question-circle::before {
    font-family: sans-serif; font-style: normal; font-weight: 700; }
.journey-summary { margin: 1.5rem 0; max-width: 110rem; }
.journey-summary h2 { font-size: 1.4rem; margin: 0 0 0.3rem 0; }
.journey-summary h3 { font-size: 1.1rem; margin: 1.2rem 0 0.3rem 0; }
.journey-summary .journey-headline { font-size: 1.05rem; margin: 0.3rem 0 0.8rem 0; }
.journey-summary table { width: 100%; font-size: 0.9rem; }
.journey-summary thead th { background: #f0f4f8; border-bottom: 2px solid #bcccdc; }
.journey-summary tr.journey-failed td { background: #fff5f5; }
.journey-summary .journey-status-failed { color: #c53030; font-weight: 600; }
.journey-summary .journey-status-passed { color: #2f855a; font-weight: 600; }
.journey-summary .journey-severity-error { color: #9b2c2c; }
.journey-summary .journey-severity-warn { color: #975a16; }
.journey-summary ul { margin: 0; padding-left: 1.1rem; }
.journey-summary .journey-note { color: #52606d; font-size: 0.85rem; }
"""
