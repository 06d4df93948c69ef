{#- A count column's text to a number, or null when it is no number by the contract
    (`journey_safe_number`) or lies outside the integer range (`journey_integer_limit()`, from
    journey/contract.py): `1e12` employees is finite, but the staging model's integer cast of it
    would stop the build. Callers quarantine the null as an unparseable number. -#}
{% macro journey_safe_integer(expression) -%}
    {%- set number = journey_safe_number(expression) -%}
    case
        when abs({{ number }}) < {{ journey_integer_limit() }} then {{ number }}
    end
{%- endmacro %}
