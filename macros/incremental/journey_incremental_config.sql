{#- The config of a model rebuilt per key: incremental (`delete+insert` on `unique_key`) where the
    warehouse supports it, a full rebuild when var `journey__full_refresh` asks for one, and the
    reset pre-hook that empties it when a run cannot be incremental. -#}
{% macro journey_incremental_config(unique_key) -%}
    {{ config(
        materialized=journey_incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key=unique_key,
        full_refresh=journey_full_refresh_config(),
        pre_hook="{{ journey_incremental_reset() }}"
    ) }}
{%- endmacro %}
