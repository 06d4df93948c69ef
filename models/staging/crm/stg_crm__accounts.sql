with

{{ journey_current_versions('crm_accounts') }}

final as (

    select
        account_id,
        account_name,
        industry,
        cast(employee_count as integer) as employee_count,
        created_at,
        updated_at,
        -- lineage
        _source_file,
        _source_row
    from current_versions

)

select * from final
