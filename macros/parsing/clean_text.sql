{#- Trims text and turns empty strings into null, the way every landing column is read. -#}
{% macro clean_text(expression) -%}
    nullif(trim({{ expression }}), '')
{%- endmacro %}
