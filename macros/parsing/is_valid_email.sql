{#- SPEC §1, literally: an email has exactly one '@' and a dot somewhere after it. Expects an
    already normalised value. -#}
{% macro is_valid_email(expression) -%}
    (
        {{ expression }} like '%@%.%'
        and {{ expression }} not like '%@%@%'
    )
{%- endmacro %}
