{#- A jinja list of strings as a SQL list literal: ['a', 'b'] -> ('a', 'b'). -#}
{% macro journey_sql_list(values) -%}
    ({%- for value in values -%}
        '{{ value | replace("'", "''") }}'{% if not loop.last %}, {% endif %}
    {%- endfor -%})
{%- endmacro %}
