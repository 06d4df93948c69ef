{#- Writes `landing._load`, one row for the whole load: `reference_at`, the newest
    `received_at`/`updated_at` of every landing table (parsed as the base models parse them),
    `horizon_days` (`var('journey__future_horizon_days')`) and `horizon_at`, the reference plus
    the horizon. Base models quarantine timestamps after `horizon_at`, comparing against this
    one scalar instead of scanning every table again. Null when no such value parses. -#}
{% macro journey_landing_load_reference() -%}
    {%- set horizon_days = var('journey__future_horizon_days') | int -%}
    {%- set newest = [] -%}
    {%- for table in journey_landing_registry() -%}
        {%- for column in table.timestamps if column in ['received_at', 'updated_at'] -%}
            {%- do newest.append(
                "select max(" ~ parse_timestamp_utc(clean_text('"' ~ column ~ '"')) ~ ")"
                ~ " as reference_at from landing." ~ table.name
            ) -%}
        {%- endfor -%}
    {%- endfor -%}
    {% do run_query(
        "create or replace table landing._load as select reference_at, "
        ~ horizon_days ~ " as horizon_days, reference_at + interval (" ~ horizon_days
        ~ ") day as horizon_at from (select max(reference_at) as reference_at from ("
        ~ newest | join(' union all ') ~ "))"
    ) %}
{%- endmacro %}
