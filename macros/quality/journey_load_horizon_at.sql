{#- The load horizon as a scalar SQL expression: the newest `received_at`/`updated_at` of the
    whole load plus `var('journey__future_horizon_days')`. Timestamps after it are quarantined
    (`journey_quarantine_reason`). Null for a load without such a value (nothing is bounded).
    Read from `base_landing__horizon`, which computes it once per build. -#}
{% macro journey_load_horizon_at() -%}
    (select horizon_at from {{ ref('base_landing__horizon') }})
{%- endmacro %}

{#- The horizon's value, as `base_landing__horizon` selects it. -#}
{% macro journey_load_horizon_sql() -%}
    {{ return(adapter.dispatch('journey_load_horizon_sql', 'journey_warehouse')()) }}
{%- endmacro %}

{#- Warehouses whose landing schema comes from an EL tool have no `landing._load`: the
    reference, computed from the landing sources. -#}
{% macro default__journey_load_horizon_sql() -%}
    {%- set newest = [] -%}
    {%- for table in journey_landing_registry() -%}
        {%- for column in table.timestamps if column in ['received_at', 'updated_at'] -%}
            {%- do newest.append(
                "select max(" ~ parse_timestamp_utc(clean_text(column)) ~ ") as reference_at"
                ~ " from " ~ source(table.source, table.source_table)
            ) -%}
        {%- endfor -%}
    {%- endfor -%}
    (
        select
            {{ dbt.dateadd('day', var('journey__future_horizon_days'), 'max(reference_at)') }}
        from ({{ newest | join(' union all ') }}) as newest_per_table
    )
{%- endmacro %}

{#- DuckDB: the loader wrote the reference once per load. -#}
{% macro duckdb__journey_load_horizon_sql() -%}
    (select horizon_at from {{ source('landing', 'load') }})
{%- endmacro %}
