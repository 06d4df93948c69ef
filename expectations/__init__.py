"""Great Expectations suites of the journey warehouse, written as code.

One module per table under `expectations.suites`; `registry.SUITES` lists them; `runner`
validates them (raw landing tables from the landing folder, marts from the warehouse) and
renders Data Docs; `bridge` turns outcomes into Dagster asset check results.
"""
