{#- An amount in USD: `amount` times the currency's `rate`, or null when the product would not
    be a finite double. The contract allows any finite number, and `1e308` EUR is one, but
    times 1.08 it overflows: Postgres stops the build on it and DuckDB carries infinity into
    every revenue sum and credit check. Callers quarantine the value (`stg_quarantine__records`);
    1e308 leaves the rounding of the product room below the largest double. -#}
{% macro journey_usd_amount(amount, rate) -%}
    case
        when abs({{ amount }}) <= 1e308 / greatest({{ rate }}, 1) then {{ amount }} * {{ rate }}
    end
{%- endmacro %}
