{#-
    Seeds on Postgres and Spark: the rows come from the seed file as DuckDB reads it (the
    landing step copies it to `landing._seed__<seed>`; on Spark, a Parquet folder), not from
    dbt's CSV table, which turns the text 'null' into NULL (and, on Spark session, NULL into
    the text 'None', dbt-adapters #487). So a seed holds the same values on every engine.
    Without the landing copy (a plain `dbt seed` before any landing step) dbt's rows are used.
-#}
{% macro postgres__load_csv_rows(model, agate_table) -%}
    {%- set found = run_query(
        "select count(*) from information_schema.tables where table_schema = '"
        ~ journey_landing_schema() ~ "' and table_name = '_seed__" ~ model.name ~ "'"
    ) -%}
    {%- if found.columns[0].values()[0] | int == 0 -%}
        {{ return(default__load_csv_rows(model, agate_table)) }}
    {%- endif -%}
    {{ return(journey_insert_seed_rows(model, agate_table, journey_landing_schema() ~ '."_seed__' ~ model.name ~ '"')) }}
{%- endmacro %}

{% macro spark__load_csv_rows(model, agate_table) -%}
    {{ return(journey_insert_seed_rows(
        model, agate_table,
        "parquet.`" ~ journey_spark_landing_dir() ~ "/_seed__" ~ model.name ~ "`"
    )) }}
{%- endmacro %}

{#- insert into the seed table from `source` (text columns named as the seed's header), each
    column cast to its configured or inferred type. -#}
{% macro journey_insert_seed_rows(model, agate_table, source) -%}
    {%- set overrides = model['config'].get('column_types', {}) -%}
    {%- set columns = [] -%}
    {%- for name in agate_table.column_names -%}
        {%- set type = overrides.get(name, adapter.convert_type(agate_table, loop.index0)) -%}
        {%- do columns.append(dbt.cast(adapter.quote(name), type)) -%}
    {%- endfor -%}
    {%- set sql -%}
        insert into {{ this.render() }} select {{ columns | join(', ') }} from {{ source }}
    {%- endset -%}
    {% do adapter.add_query(sql, abridge_sql_log=True) %}
    {{ return(sql) }}
{%- endmacro %}
