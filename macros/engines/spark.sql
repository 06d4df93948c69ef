{#-
    Spark variants of the dispatched macros (dbt-spark, Parquet tables). Types written the
    portable way in the project (`varchar` in contracts and seeds, `double precision` on
    Postgres) are spelled as Spark knows them; text that does not parse becomes null through
    the registry's patterns, as on DuckDB and Postgres.
-#}
{% macro journey_spark_type(type) -%}
    {%- set spelling = (type | string | lower | trim) -%}
    {{- return({
        'varchar': 'string',
        'text': 'string',
        'double precision': 'double',
        'float8': 'double'
    }.get(spelling, type)) -}}
{%- endmacro %}

{#- Contracts build their expected schema with dbt.cast: Spark wants `string`, not `varchar`. -#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ journey_spark_type(type) }})
{%- endmacro %}

{% macro spark__parse_timestamp_utc(expression) -%}
    case
        when {{ journey_regex_match(expression, "'" ~ journey_spark_regex(journey_timestamp_pattern()) ~ "'") }}
            then to_utc_timestamp(
                try_cast(regexp_replace({{ expression }}, ' UTC$', 'Z') as timestamp), 'UTC'
            )
    end
{%- endmacro %}

{% macro spark__journey_safe_number(expression) -%}
    case
        when {{ journey_regex_match('trim(' ~ expression ~ ')', "'" ~ journey_spark_regex(journey_number_pattern()) ~ "'") }}
            then try_cast(trim({{ expression }}) as {{ journey_type_double() }})
    end
{%- endmacro %}

{#- Spark string literals treat a backslash as an escape: double it inside a pattern. -#}
{% macro journey_spark_regex(pattern) -%}
    {{- return(pattern | replace('\\', '\\\\')) -}}
{%- endmacro %}

{#- dbt-spark's seed table, with the project's type spellings translated. -#}
{% macro spark__create_csv_table(model, agate_table) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {%- set columns = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- set type = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
        {%- do columns.append(
            adapter.quote_seed_column(col_name | string, quote_seed_column) ~ " " ~ journey_spark_type(type)
        ) -%}
    {%- endfor -%}
    {%- set sql -%}
        create table {{ this.render() }} ({{ columns | join(', ') }}) {{ file_format_clause() }}
    {%- endset -%}
    {% call statement('_') -%}{{ sql }}{%- endcall %}
    {{ return(sql) }}
{%- endmacro %}
