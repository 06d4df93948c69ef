with

staging_records as (

    select * from {{ ref('stg_quarantine__records') }}

),

unidentified_rows as (

    select * from {{ ref('int_unidentified_rows_collected') }}

),

unidentified_records as (

    select
        {{ journey_surrogate_key(['table_name', 'record_key', "'no usable identifier'"]) }}
            as quarantine_id,
        table_name,
        record_key,
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as {{ dbt.type_bigint() }}) as line_number,
        cast(null as {{ dbt.type_bigint() }}) as source_row,
        'no usable identifier (empty, invalid or blocklisted): no customer, no touchpoint'
            as reason,
        'no usable identifier (empty, invalid or blocklisted): no customer, no touchpoint'
            as reason_category,
        cast(null as {{ dbt.type_string() }}) as masked_value,
        'row' as quarantine_scope
    from unidentified_rows

),

final as (

    select
        quarantine_id,
        table_name,
        record_key,
        source_file,
        line_number,
        source_row,
        reason,
        reason_category,
        masked_value,
        quarantine_scope
    from staging_records
    union all
    select
        quarantine_id,
        table_name,
        record_key,
        source_file,
        line_number,
        source_row,
        reason,
        reason_category,
        masked_value,
        quarantine_scope
    from unidentified_records

)

select * from final
