with

{{ journey_current_versions('crm_contacts') }}

final as (

    select
        contact_id,
        {{ journey_email_columns('email_normalised', 'email') }},
        phone,
        first_name,
        last_name,
        account_id,
        lifecycle_stage,
        lead_source,
        created_at,
        updated_at,
        -- lineage
        _source_file,
        _source_row
    from current_versions
    where not is_deleted

)

select * from final
