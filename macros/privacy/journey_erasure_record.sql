{#- A record of schema `erasure` that only the orchestrated run writes (`purge_log`,
    `landing_purged`: orchestration/erasure.py), read as `select <columns>`; in a build
    without it (a bare `dbt build`), the same columns with no rows. `columns`: (name, type). -#}
{% macro journey_erasure_record(identifier, columns) -%}
    {%- set relation = adapter.get_relation(
        database=target.database,
        schema='erasure' ~ journey_schema_suffix(),
        identifier=identifier
    ) if execute else none -%}
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
