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
    `journey_landing_plan`) and every file is fingerprinted (SHA-256 of its bytes); a file
    that `landing._files` records as processed and that changed or disappeared stops the load
    by name (see `journey_landing_arrivals`) when `var('journey__changed_landing_files')` is
    `stop` (as `journey run` sets it) and no `var('journey__full_refresh')` is asked; with the
    default `reload`, the bare `dbt build`, it names them and reloads the whole folder. Any
    problem stops the build with every message at once before a table is touched. Then only
    the files not processed yet are appended, as one new batch (`batch_id` = the last one
    plus one), to the tables, `landing._files` and `landing._rejected_lines`, and
    `landing._load` is rewritten, all in one transaction, so a load that fails half-way
    leaves the previous landing tables as they were. A full load (full refresh, or no record
    of processed files yet) replaces every table and starts again at batch 1; a load with no
    new file changes no landing table. -#}
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

    {%- set arrivals = journey_landing_arrivals(raw_dir, plan) -%}
    {%- if arrivals.problems and var('journey__changed_landing_files', 'reload') != 'stop' -%}
        {#- A bare `dbt build` on a replaced export reloads the whole folder, as a full refresh
            does; `journey run` stops instead (var `journey__changed_landing_files: stop`). -#}
        {{ log(
            "load_landing: files loaded earlier changed or disappeared, so the whole folder is"
            ~ " reloaded as a full refresh:\n" ~ arrivals.problems | join('\n'), info=true
        ) }}
        {%- set arrivals = journey_landing_arrivals(raw_dir, plan, force_full=true) -%}
    {%- endif -%}
    {%- if arrivals.problems -%}
        {{ exceptions.raise_compiler_error(
            "The landing folder '" ~ raw_dir ~ "' cannot be loaded; no landing table was changed."
            ~ " Files already loaded into the warehouse must stay as they were: add new files"
            ~ " instead, or reload everything with a full refresh (`journey run --full-refresh`,"
            ~ " or dbt var `journey__full_refresh: true`).\n" ~ arrivals.problems | join('\n')
        ) }}
    {%- endif -%}
    {%- set new_files = arrivals.tables | sum(attribute='files', start=[]) -%}
    {%- if not arrivals.full and new_files | length == 0 -%}
        {{ log(
            "load_landing: no new landing file since batch " ~ arrivals.last_batch
            ~ "; the landing tables are unchanged", info=true
        ) }}
        {% do run_query("begin transaction") %}
        {% do journey_landing_load_reference(none) %}
        {% do run_query("commit") %}
        {{ return('') }}
    {%- endif -%}

    {% do run_query("begin transaction") %}
    {% do run_query("create schema if not exists landing") %}
    {%- if arrivals.full -%}
        {% do run_query("drop table if exists landing._rejected_lines") %}
        {% do run_query("drop table if exists landing._files") %}
    {%- endif -%}
    {% do journey_landing_bookkeeping() %}
    {%- for table in arrivals.tables -%}
        {#- Named before it is read, so a file that fails half-way is traced to its table. -#}
        {%- if arrivals.full or table.files -%}
            {{ log(
                "load_landing: " ~ table.name ~ " from " ~ table.files | length ~ " "
                ~ ("new " if not arrivals.full else "") ~ "file"
                ~ ("s" if table.files | length != 1 else "") ~ " (batch " ~ arrivals.batch ~ ")",
                info=true
            ) }}
            {% do journey_load_landing_table(table, arrivals.batch, arrivals.full) %}
        {%- endif -%}
    {%- endfor -%}
    {% do journey_landing_load_reference(arrivals.batch) %}
    {% do run_query("commit") %}
{%- endmacro %}
