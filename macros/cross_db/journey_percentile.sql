{#- Continuous percentile (0..1) of a numeric expression as an aggregate. -#}
{% macro journey_percentile(expression, fraction) -%}
    {{ return(adapter.dispatch('journey_percentile', 'journey_warehouse')(expression, fraction)) }}
{%- endmacro %}

{% macro default__journey_percentile(expression, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__journey_percentile(expression, fraction) -%}
    quantile_cont({{ expression }}, {{ fraction }})
{%- endmacro %}

{% macro spark__journey_percentile(expression, fraction) -%}
    percentile({{ expression }}, {{ fraction }})
{%- endmacro %}
