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

rejected as (

    select
        files.table_name as relation_name,
        count(*) as rejected_lines
    from rejected_lines
    inner join files
        on rejected_lines.source_file = files.source_file
    group by files.table_name

),

loaded as (

    {% for vendor_table in feeding %}
        select
            '{{ vendor_table.tool }}__{{ vendor_table.table }}' as relation_name,
            '{{ vendor_table.tool }}' as tool,
            '{{ vendor_table.table }}' as vendor_table,
            '{{ vendor_table.feeds }}' as landing_table,
            count(*) as loaded_rows
        from {{ journey_vendor_relation(vendor_table.tool, vendor_table.table) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

mapped as (

    {% for vendor_table in feeding %}
        select
            '{{ vendor_table.tool }}__{{ vendor_table.table }}' as relation_name,
            count(*) as mapped_rows
        from {{ ref(vendor_table.tool ~ '__' ~ vendor_table.feeds) }} as adapted
        inner join files
            on adapted._source_file = files.source_file
        where files.table_name = '{{ vendor_table.tool }}__{{ vendor_table.table }}'
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        cast(loaded.tool as {{ dbt.type_string() }}) as tool,
        cast(loaded.vendor_table as {{ dbt.type_string() }}) as vendor_table,
        cast(loaded.landing_table as {{ dbt.type_string() }}) as landing_table,
        cast(
            loaded.loaded_rows + coalesce(rejected.rejected_lines, 0)
            as {{ dbt.type_bigint() }}
        ) as raw_rows,
        cast(coalesce(rejected.rejected_lines, 0) as {{ dbt.type_bigint() }}) as rejected_lines,
        cast(coalesce(mapped.mapped_rows, 0) as {{ dbt.type_bigint() }}) as mapped_rows,
        loaded.loaded_rows = coalesce(mapped.mapped_rows, 0) as is_balanced
    from loaded
    left join mapped
        on loaded.relation_name = mapped.relation_name
    left join rejected
        on loaded.relation_name = rejected.relation_name

)

select * from final
