{%- set columns = [
    'quarantine_id', 'table_name', 'record_key', 'source_file', 'line_number', 'source_row',
    'reason', 'reason_category', 'masked_value', 'quarantine_scope',
] -%}
{%- set no_identifier =
    "'no usable identifier (empty, invalid or blocklisted): no customer, no touchpoint'" -%}

with

{{ journey_import('staging_records', 'stg_quarantine__records') }}
{{ journey_import('unidentified_rows', 'int_unidentified_rows_collected') }}

unidentified_records as (

    select
        {{ journey_surrogate_key(['table_name', 'record_key', "'no usable identifier'"]) }}
            as quarantine_id,
        table_name,
        record_key,
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as {{ dbt.type_bigint() }}) as line_number,
        cast(null as {{ dbt.type_bigint() }}) as source_row,
        {{ no_identifier }} as reason,
        {{ no_identifier }} as reason_category,
        cast(null as {{ dbt.type_string() }}) as masked_value,
        'row' as quarantine_scope
    from unidentified_rows

),

final as (

    select {{ columns | join(', ') }}
    from staging_records
    union all
    select {{ columns | join(', ') }}
    from unidentified_records

)

select * from final
