{#- Text for inside a SQL string literal (single quotes doubled), for the tool loader's glob
    patterns; the canonical loader quotes with `journey_sql_string` instead. -#}
{% macro journey_vendor_sql_text(value) -%}
    {{- return(value | string | replace("'", "''")) -}}
{%- endmacro %}
