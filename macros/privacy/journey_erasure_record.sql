{#- A record of schema `erasure` that only the orchestrated run writes (`purge_log`,
    `landing_purged`: orchestration/erasure.py), read as `select <columns>`; in a build
    without it (a bare `dbt build`), the same columns with no rows. `columns`: (name, type). -#}
{% macro journey_erasure_record(identifier, columns) -%}
    {%- set relation = journey_erasure_relation(identifier) -%}
    select
    {%- for name, type in columns %}
        {% if relation is none %}cast(null as {{ type }}) as {% endif %}{{ name }}
        {{- ',' if not loop.last }}
    {%- endfor %}
    {%- if relation is not none %}
    from {{ relation }}
    {%- else %}
    where false
    {%- endif %}
{%- endmacro %}

{#- A relation of schema `erasure` (with the run's schema suffix: `erasure__build` while a
    Postgres run builds), or none when it does not exist or nothing executes. -#}
{% macro journey_erasure_relation(identifier) -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {{ return(adapter.get_relation(
        database=target.database,
        schema='erasure' ~ journey_schema_suffix(),
        identifier=identifier
    )) }}
{%- endmacro %}
