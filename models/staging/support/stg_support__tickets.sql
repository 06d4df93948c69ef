with

{{ journey_current_versions('support_tickets') }}

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
