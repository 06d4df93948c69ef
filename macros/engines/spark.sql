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

{#- In doubles: a decimal division would not meet the contracts' `double`. -#}
{% macro spark__journey_seconds_between(start, end) -%}
    (cast(unix_micros({{ end }}) - unix_micros({{ start }}) as double) / 1000000)
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

{#- Parquet tables hold no constraints (dbt-spark only writes them on Delta): a contract's
    not_null columns are checked by one query instead, and a null fails the model as the
    constraint would on DuckDB and Postgres. -#}
{% macro spark__persist_constraints(relation, model) -%}
    {%- if not config.get('contract').enforced -%}{{ return('') }}{%- endif -%}
    {%- set checked = [] -%}
    {%- for column_name, column in model.columns.items() -%}
        {%- if column.constraints | selectattr('type', 'equalto', 'not_null') | list -%}
            {%- do checked.append(column_name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not checked -%}{{ return('') }}{%- endif -%}
    {%- set counts = [] -%}
    {%- for column_name in checked -%}
        {%- do counts.append("count_if(" ~ adapter.quote(column_name) ~ " is null)") -%}
    {%- endfor -%}
    {%- set found = run_query("select " ~ counts | join(', ') ~ " from " ~ relation) -%}
    {%- for column_name in checked -%}
        {%- set nulls = found.rows[0][loop.index0] | int -%}
        {%- if nulls > 0 -%}
            {{ exceptions.raise_compiler_error(
                "Contract of " ~ relation ~ ": column " ~ column_name ~ " is not_null but holds "
                ~ nulls ~ " null(s)."
            ) }}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}

{#- dbt-spark's listagg ignores the order and gives '' for a group without values; DuckDB and
    Postgres give the values in order, and null. Here the values are sorted ascending, which is
    the order asked for when it is the order of the values themselves (the project's only use:
    dim_customers.contact_ids), and a group without values gives null. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if order_by_clause and ' desc' in order_by_clause | lower -%}
        {{ exceptions.raise_compiler_error(
            "listagg on Spark sorts the values ascending; '" ~ order_by_clause ~ "' is not supported"
        ) }}
    {%- endif -%}
    {%- set collected = "array_sort(collect_list(" ~ measure ~ "))" if order_by_clause
        else "collect_list(" ~ measure ~ ")" -%}
    {%- if limit_num -%}{%- set collected = "slice(" ~ collected ~ ", 1, " ~ limit_num ~ ")" -%}{%- endif -%}
    case when count({{ measure }}) > 0 then array_join({{ collected }}, {{ delimiter_text }}) end
{%- endmacro %}
