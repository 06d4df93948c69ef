{#- SPEC §1: an email has exactly one '@' and a dot somewhere after it (with text on both
    sides of the '@'). Expects an already normalised value. -#}
{% macro is_valid_email(expression) -%}
    (
        {{ expression }} like '_%@%._%'
        and {{ expression }} not like '%@%@%'
    )
{%- endmacro %}
