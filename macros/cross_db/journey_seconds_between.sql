{#- Exact seconds (fractional) from `start` to `end`; portable replacement for datediff, which
    counts whole boundaries and would round fractional days. -#}
{% macro journey_seconds_between(start, end) -%}
    {{ return(adapter.dispatch('journey_seconds_between', 'journey_warehouse')(start, end)) }}
{%- endmacro %}

{% macro default__journey_seconds_between(start, end) -%}
    extract(epoch from ({{ end }} - {{ start }}))
{%- endmacro %}

{#- Whole microseconds first: epoch() of a recent timestamp is a double of ~1.7e9 seconds and
    loses the last digits that Postgres and Spark keep. -#}
{% macro duckdb__journey_seconds_between(start, end) -%}
    ((epoch_us({{ end }}) - epoch_us({{ start }})) / 1000000.0)
{%- endmacro %}
