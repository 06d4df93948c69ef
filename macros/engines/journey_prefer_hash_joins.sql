{#- Pre-hook of models that join many views: on Postgres, no nested loops for this model's
    statement (`set local`, so only its transaction). The views under it stack window
    functions and filters whose row counts Postgres cannot estimate; it guessed a row or two
    and nested its joins, quadratic in rows (agg_row_reconciliation: 72.8 s at 20k persons,
    10.2 s with hash joins). Other engines: nothing. -#}
{% macro journey_prefer_hash_joins() -%}
    {{ return(adapter.dispatch('journey_prefer_hash_joins', 'journey_warehouse')()) }}
{%- endmacro %}

{% macro default__journey_prefer_hash_joins() -%}{%- endmacro %}

{% macro postgres__journey_prefer_hash_joins() -%}
    set local enable_nestloop = off
{%- endmacro %}
