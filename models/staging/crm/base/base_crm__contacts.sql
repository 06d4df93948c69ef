with

source as (

    select * from {{ journey_landing_relation('crm_contacts') }}

),

typed as (

    select
        {{ clean_text('contact_id') }} as contact_id,
        {{ normalise_email('email') }} as email_normalised,
        {{ clean_text('phone') }} as phone,
        {{ clean_text('first_name') }} as first_name,
        {{ clean_text('last_name') }} as last_name,
        {{ clean_text('account_id') }} as account_id,
        lower({{ clean_text('lifecycle_stage') }}) as lifecycle_stage,
        lower({{ clean_text('lead_source') }}) as lead_source,
        {{ journey_typed_column('created_at', 'timestamp') }},
        {{ journey_typed_column('updated_at', 'timestamp') }},
        {{ parse_boolean('is_deleted') }} as is_deleted,
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        {{ journey_quarantine_reason(
            required=['contact_id', 'updated_at'],
            timestamps=['created_at', 'updated_at']
        ) }} as quarantine_reason
    from typed

)

select * from checked
