with

{{ journey_import('contacts', 'base_crm__contacts', where='quarantine_reason is null') }}

current_versions as (

    {{ journey_first_row_per(
        'contacts', 'contact_id', 'updated_at desc, _source_file desc, _source_row desc'
    ) }}

),

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
