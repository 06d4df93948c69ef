{#- SPEC §1: emails are compared as lower(trim(email)); empty text is no email. -#}
{% macro normalise_email(expression) -%}
    nullif(lower(trim({{ expression }})), '')
{%- endmacro %}
