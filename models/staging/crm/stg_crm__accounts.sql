with

{{ journey_import('accounts', 'base_crm__accounts', where='quarantine_reason is null') }}

current_versions as (

    {{ journey_first_row_per(
        'accounts', 'account_id', 'updated_at desc, _source_file desc, _source_row desc'
    ) }}

),

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
