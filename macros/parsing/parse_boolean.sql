{#- SPEC §1: true for 'true', 't', '1', 'yes' (any case, spaces ignored); anything else,
    empty included, is false. -#}
{% macro parse_boolean(expression) -%}
    coalesce(lower(trim({{ expression }})) in ('true', 't', '1', 'yes'), false)
{%- endmacro %}
