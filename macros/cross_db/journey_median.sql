{#- Median of a numeric expression as an aggregate. -#}
{% macro journey_median(expression) -%}
    {{ return(adapter.dispatch('journey_median', 'journey_warehouse')(expression)) }}
{%- endmacro %}

{% macro default__journey_median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__journey_median(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro spark__journey_median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
