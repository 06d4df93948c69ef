"""Great Expectations suites of the journey warehouse, written as code.

`raw` derives the landing suites from the landing registry; `marts` holds the mart suites;
`thresholds` every number they compare against, with its reason; `runner` lists and validates
them (landing tables and marts as the warehouse holds them) and renders Data Docs (`docs`);
`verdict` judges results (passed, failed, nothing to check); `bridge` turns outcomes into
Dagster asset check results.
"""
