{#- The first of `columns` (SQL expressions) that is neither null nor blank text:
    `coalesce(nullif(trim(a), ''), nullif(trim(b), ''), ...)`. The value keeps its own spaces. -#}
{% macro journey_first_non_blank(columns) -%}
    {%- set candidates = [] -%}
    {%- for column in columns -%}
        {%- do candidates.append("nullif(trim(" ~ column ~ "), '')") -%}
    {%- endfor -%}
    coalesce({{ candidates | join(', ') }})
{%- endmacro %}
