{#-
    The on-run-start hook `load_landing` on Postgres and Spark. Their landing schema is written
    before dbt runs by the landing step (journey/target_landing.py: the DuckDB loader reads the
    folder, with its quarantine and column checks, and the tables are copied), which
    `journey build`, `journey run` and `journey parity` run first; a plain `dbt build` expects it.
-#}
{% macro postgres__load_landing() -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set found = run_query(
        "select count(*) from information_schema.tables"
        ~ " where table_schema = '" ~ journey_landing_schema() ~ "' and table_name = '_files'"
    ) -%}
    {%- if found.columns[0].values()[0] | int == 0 -%}
        {{ exceptions.raise_compiler_error(
            "The landing schema of target " ~ target.name ~ " is not loaded. Load it with"
            ~ " `python -m journey.target_landing` (JOURNEY_TARGET=" ~ target.name ~ "), or build"
            ~ " with `journey build --target " ~ target.name ~ "`, which loads it first."
        ) }}
    {%- endif -%}
    {%- do journey_postgres_create_functions() -%}
    {{ log("load_landing: " ~ target.name ~ " reads the landing schema written by the landing step", info=true) }}
{%- endmacro %}


{#- Registers the landing step's Parquet files (JOURNEY_SPARK_DIR/landing/<table>/) as the
    tables of schema `landing`. -#}
{% macro spark__load_landing() -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set folder = journey_spark_landing_dir() -%}
    {#- The landing step lists the folders it wrote (landing, tool and bookkeeping tables). -#}
    {%- set listed = run_query(
        "select table_name from parquet.`" ~ folder ~ "/_landing_tables`"
    ) -%}
    {%- set names = listed.columns[0].values() | list -%}
    {{ log("load_landing: registering the landing Parquet files of " ~ folder ~ " (written by `python -m journey.target_landing`)", info=true) }}
    {% do run_query("create database if not exists landing") %}
    {%- for name in names -%}
        {% do run_query("drop table if exists landing." ~ name) %}
        {% do run_query(
            "create table landing." ~ name ~ " using parquet location "
            ~ journey_sql_string(folder ~ "/" ~ name)
        ) %}
    {%- endfor -%}
{%- endmacro %}


{% macro journey_spark_landing_dir() -%}
    {{- return(env_var('JOURNEY_SPARK_DIR', '.spark') ~ '/landing') -}}
{%- endmacro %}
