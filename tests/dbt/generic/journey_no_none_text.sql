{#- No text column holds the text 'None'. dbt-spark's `session` seeds once loaded empty cells
    that way (dbt-adapters #487) and every other test still passed; no seed spells 'None'. -#}
{% test journey_no_none_text(model) %}
{%- set checks = [] -%}
{%- for column in (adapter.get_columns_in_relation(model) if execute else []) -%}
    {%- if column.is_string() or column.dtype | lower == 'string' -%}
        {%- do checks.append(
            "select '" ~ column.name ~ "' as column_name from " ~ model
            ~ " where " ~ adapter.quote(column.name) ~ " = 'None'"
        ) -%}
    {%- endif -%}
{%- endfor -%}
{%- if checks %}
{{ checks | join('\nunion all\n') }}
{%- else %}
select 'none' as column_name where 1 = 0
{%- endif %}
{% endtest %}
