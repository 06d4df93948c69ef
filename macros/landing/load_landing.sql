{#- on-run-start hook: loads every table of `journey_landing_registry()` from the landing folder
    `var('journey__raw_dir')` into schema `landing`, all or nothing. Dispatched, so another
    warehouse can bring its own loader. -#}
{% macro load_landing() -%}
    {% do adapter.dispatch('load_landing', 'journey_warehouse')() %}
    {#- Tool folders (Snowplow, HubSpot, ...) after the canonical tables. -#}
    {% do load_vendor_landing() %}
{%- endmacro %}

{% macro default__load_landing() -%}
    {#- Other warehouses receive the landing schema from their loader (EL tool). -#}
    {{ log(
        "load_landing: " ~ target.type ~ " reads the landing schema as loaded by its EL tool",
        info=true
    ) }}
{%- endmacro %}

{#- DuckDB reads the files itself. First every table's files and headers are checked (see
    `journey_landing_plan`), and any problem stops the build with every message at once before
    a table is touched; then all tables, `landing._files`, `landing._rejected_lines` and
    `landing._load` are written in one transaction, so a load that fails half-way leaves the
    previous landing tables as they were. -#}
{% macro duckdb__load_landing() -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set raw_dir = var('journey__raw_dir') | string -%}
    {%- if raw_dir | length > 1 and raw_dir.endswith('/') -%}
        {%- set raw_dir = raw_dir[:-1] -%}
    {%- endif -%}
    {%- set expected = journey_landing_registry() | map(attribute='name') | join(', ')
        ~ " (each as <table>.csv, <table>.csv.gz, <table>.parquet or a folder <table>/ of"
        ~ " such files)" -%}
    {%- set folder = "Landing folder '" ~ raw_dir ~ "' (JOURNEY_RAW_DIR)" -%}

    {%- set listing = journey_landing_listing(raw_dir) -%}
    {%- if listing | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            folder ~ " is empty or does not exist: expected " ~ expected ~ "."
        ) }}
    {%- endif -%}
    {%- set plan = journey_landing_plan(raw_dir, listing) -%}
    {%- if not plan.found_any -%}
        {#- Show a few of the names found, so a wrong path or an unexpected export is obvious. -#}
        {%- set shown = 5 -%}
        {%- set names = listing | map(attribute='relative') | list -%}
        {{ exceptions.raise_compiler_error(
            folder ~ " holds no landing file: expected " ~ expected ~ "; found instead: "
            ~ names[:shown] | join(', ')
            ~ (" and " ~ (names | length - shown) ~ " more" if names | length > shown else "")
            ~ "."
        ) }}
    {%- endif -%}
    {%- if plan.problems -%}
        {{ exceptions.raise_compiler_error(
            "The landing folder '" ~ raw_dir ~ "' cannot be loaded; no landing table was changed.\n"
            ~ plan.problems | join('\n')
        ) }}
    {%- endif -%}

    {% do run_query("begin transaction") %}
    {% do run_query("create schema if not exists landing") %}
    {% do run_query(
        "create or replace table landing._rejected_lines (table_name varchar,"
        ~ " source_file varchar, line_number bigint, error_type varchar,"
        ~ " error_message varchar, raw_line varchar)"
    ) %}
    {% do run_query(
        "create or replace table landing._files (table_name varchar, source_file varchar,"
        ~ " file_format varchar, file_bytes bigint, rows_loaded bigint)"
    ) %}
    {%- for table in plan.tables -%}
        {#- Named before it is read, so a file that fails half-way is traced to its table. -#}
        {{ log(
            "load_landing: " ~ table.name ~ " from " ~ table.files | length ~ " file"
            ~ ("s" if table.files | length != 1 else ""), info=true
        ) }}
        {% do journey_load_landing_table(table) %}
    {%- endfor -%}
    {% do journey_landing_load_reference() %}
    {% do run_query("commit") %}
{%- endmacro %}
