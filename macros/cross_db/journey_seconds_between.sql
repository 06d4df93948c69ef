{#- Exact seconds (fractional) from `start` to `end`; portable replacement for datediff, which
    counts whole boundaries and would round fractional days. -#}
{% macro journey_seconds_between(start, end) -%}
    {{ return(adapter.dispatch('journey_seconds_between', 'journey_warehouse')(start, end)) }}
{%- endmacro %}

{% macro default__journey_seconds_between(start, end) -%}
    extract(epoch from ({{ end }} - {{ start }}))
{%- endmacro %}

{% macro duckdb__journey_seconds_between(start, end) -%}
    (epoch({{ end }}) - epoch({{ start }}))
{%- endmacro %}
