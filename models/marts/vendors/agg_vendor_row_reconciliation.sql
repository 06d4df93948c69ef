{#- Nothing lost across the adapters: per tool table that becomes canonical rows, the rows
    read from its files (loaded plus unreadable lines) against the rows its adapter handed to
    the base model. Adapters map one vendor row to one canonical row, so both counts must
    agree; what happens to each row next (used, superseded, quarantined) is
    agg_row_reconciliation's balance, where these rows are counted with the canonical ones. -#}
{%- set feeding = [] -%}
{%- for vendor_table in journey_vendor_tables() if vendor_table.feeds -%}
    {%- do feeding.append(vendor_table) -%}
{%- endfor -%}

with

files as (

    select * from {{ source('landing', 'files') }}

),

rejected_lines as (

    select * from {{ source('landing', 'rejected_lines') }}

),

counted as (

    {% for vendor_table in feeding %}
        {%- set relation_name = vendor_table.tool ~ '__' ~ vendor_table.table %}
        select
            '{{ vendor_table.tool }}' as tool,
            '{{ vendor_table.table }}' as vendor_table,
            '{{ vendor_table.feeds }}' as landing_table,
            (
                select count(*)
                from {{ journey_vendor_relation(vendor_table.tool, vendor_table.table) }}
            ) as loaded_rows,
            (
                select count(*)
                from rejected_lines
                where source_file in (
                    select source_file from files where table_name = '{{ relation_name }}'
                )
            ) as rejected_lines,
            (
                select count(*)
                from {{ ref(vendor_table.tool ~ '__' ~ vendor_table.feeds) }}
                where _source_file in (
                    select source_file from files where table_name = '{{ relation_name }}'
                )
            ) as mapped_rows
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        cast(tool as {{ dbt.type_string() }}) as tool,
        cast(vendor_table as {{ dbt.type_string() }}) as vendor_table,
        cast(landing_table as {{ dbt.type_string() }}) as landing_table,
        cast(loaded_rows + rejected_lines as {{ dbt.type_bigint() }}) as raw_rows,
        cast(rejected_lines as {{ dbt.type_bigint() }}) as rejected_lines,
        cast(mapped_rows as {{ dbt.type_bigint() }}) as mapped_rows,
        loaded_rows = mapped_rows as is_balanced
    from counted

)

select * from final
