{#- A value as a SQL string literal: single-quoted, inner quotes doubled. -#}
{% macro journey_sql_string(value) -%}
    {{- return("'" ~ (value | string | replace("'", "''")) ~ "'") -}}
{%- endmacro %}
