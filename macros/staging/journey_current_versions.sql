{#- The current version of each record of a change-feed landing table (SPEC §8), as two CTEs
    ending in commas: `usable_versions` (the base model's rows without a quarantine_reason) and
    `current_versions` (per key, the latest updated_at; ties go to the later file and row). -#}
{% macro journey_current_versions(table_name) -%}
    {%- set table = journey_landing_table(table_name) -%}
    {%- if not table.change_feed -%}
        {{ exceptions.raise_compiler_error(
            "journey_current_versions: '" ~ table_name ~ "' is not a change feed"
        ) }}
    {%- endif -%}
    {{ journey_import('usable_versions', table.base_model, where='quarantine_reason is null') }}

current_versions as (

    {{ journey_first_row_per(
        'usable_versions', table.key, 'updated_at desc, _source_file desc, _source_row desc'
    ) }}

),
{%- endmacro %}
