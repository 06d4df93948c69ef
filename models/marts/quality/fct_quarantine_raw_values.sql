with

staging_records as (

    select * from {{ ref('stg_quarantine__records') }}

),

final as (

    select
        quarantine_id,
        table_name,
        record_key,
        source_file,
        line_number,
        source_row,
        reason_category,
        raw_value
    from staging_records
    where raw_value is not null

)

select * from final
