{#- Post-hook of every model: fresh statistics for a table just built. Postgres plans the next
    model with them; without them it guesses a handful of rows and picks nested loops that took
    minutes instead of seconds (stg_web__events at 2k persons). Other engines: nothing. -#}
{% macro journey_analyze() -%}
    {{ return(adapter.dispatch('journey_analyze', 'journey_warehouse')()) }}
{%- endmacro %}

{% macro default__journey_analyze() -%}{%- endmacro %}

{% macro postgres__journey_analyze() -%}
    {%- if config.get('materialized') in ('table', 'incremental') -%}analyze {{ this }}{%- endif -%}
{%- endmacro %}
