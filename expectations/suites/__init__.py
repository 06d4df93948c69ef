"""One module per table: raw landing tables (`raw_*`) and marts (`mart_*`). Each module exposes
`SUITES`, the suite specs for its table."""
