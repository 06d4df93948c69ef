{#- The landing tables that carry identifiers (registry entries with `identifiers`), each with
    `row_filter`: the condition a row must meet to count, or none. Bot events are left out of
    identity and of the unidentified-rows check alike (SPEC §8). -#}
{% macro journey_identifier_tables() -%}
    {%- set row_filters = {'web_events': 'not is_bot'} -%}
    {%- set tables = [] -%}
    {%- for table in journey_landing_registry() if table.identifiers -%}
        {%- do tables.append(dict(table, row_filter=row_filters.get(table.name))) -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}
