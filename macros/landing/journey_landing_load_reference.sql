{#- Writes `landing._load`, one row for the whole load: `reference_at`, the newest
    `received_at`/`updated_at` of every landing table (parsed as the base models parse them),
    `horizon_days` (`var('journey__future_horizon_days')`), `horizon_at`, the reference plus
    the horizon, and `batch_id`, the batch this load appended (null when it found no new
    file). Base models quarantine timestamps after `horizon_at`, comparing against this one
    scalar instead of scanning every table again. Null when no such value parses. Rows are
    only ever appended between full loads, so after a full load (batch 1) the newest value
    is taken over every row, afterwards over the previous reference and the new batch's rows
    only. -#}
{% macro journey_landing_load_reference(batch_id) -%}
    {%- set horizon_days = var('journey__future_horizon_days') | int -%}
    {%- set incremental = batch_id is none or batch_id | int > 1 -%}
    {%- set newest = [] -%}
    {%- if incremental -%}
        {%- do newest.append("select reference_at from landing._load") -%}
    {%- endif -%}
    {%- for table in journey_landing_registry() -%}
        {%- for column in table.timestamps if column in ['received_at', 'updated_at'] -%}
            {%- if batch_id is not none -%}
                {%- do newest.append(
                    "select max(" ~ parse_timestamp_utc(clean_text('"' ~ column ~ '"')) ~ ")"
                    ~ " as reference_at from landing." ~ table.name
                    ~ (
                        " where _source_file in (select source_file from landing._files"
                        ~ " where batch_id = " ~ batch_id ~ ")" if incremental else ""
                    )
                ) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {% do run_query(
        "create or replace table landing._load as select reference_at, "
        ~ horizon_days ~ " as horizon_days, reference_at + interval (" ~ horizon_days
        ~ ") day as horizon_at, cast(" ~ (batch_id if batch_id is not none else "null")
        ~ " as integer) as batch_id from (select max(reference_at) as reference_at from ("
        ~ newest | join(' union all ') ~ "))"
    ) %}
{%- endmacro %}
