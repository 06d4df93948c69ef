{#- Text to a double; text that is not a number becomes null (callers quarantine it). -#}
{% macro journey_safe_number(expression) -%}
    {{ dbt.safe_cast(expression, journey_type_double()) }}
{%- endmacro %}
