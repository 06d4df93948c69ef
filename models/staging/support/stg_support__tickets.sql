with

{{ journey_import('tickets', 'base_support__tickets', where='quarantine_reason is null') }}

current_versions as (

    {{ journey_first_row_per(
        'tickets', 'ticket_id', 'updated_at desc, _source_file desc, _source_row desc'
    ) }}

),

final as (

    select
        ticket_id,
        {{ journey_email_columns('requester_email_normalised', 'requester_email') }},
        contact_id,
        channel,
        subject,
        category,
        priority,
        status,
        satisfaction_rating,
        created_at,
        first_response_at,
        solved_at,
        updated_at,
        -- lineage
        _source_file,
        _source_row
    from current_versions

)

select * from final
