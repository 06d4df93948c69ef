with

{{ journey_import('activities', 'base_crm__activities', where='quarantine_reason is null') }}

final as (

    select
        activity_id,
        contact_id,
        activity_type,
        occurred_at,
        -- lineage
        _source_file,
        _source_row
    from activities

)

select * from final
