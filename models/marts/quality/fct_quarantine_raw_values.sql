with

{{ journey_import('staging_records', 'stg_quarantine__records', where='raw_value is not null') }}

final as (

    select
        {{ [
            'quarantine_id', 'table_name', 'record_key', 'source_file', 'line_number',
            'source_row', 'reason_category', 'raw_value',
        ] | join(', ') }}
    from staging_records

)

select * from final
