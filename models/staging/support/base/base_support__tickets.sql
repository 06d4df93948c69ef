with

source as (

    select * from {{ journey_landing_relation('support_tickets') }}

),

typed as (

    select
        {{ clean_text('ticket_id') }} as ticket_id,
        {{ normalise_email('requester_email') }} as requester_email_normalised,
        {{ clean_text('contact_id') }} as contact_id,
        lower({{ clean_text('channel') }}) as channel,
        {{ clean_text('subject') }} as subject,
        lower({{ clean_text('category') }}) as category,
        lower({{ clean_text('priority') }}) as priority,
        lower({{ clean_text('status') }}) as status,
        lower({{ clean_text('satisfaction_rating') }}) as satisfaction_rating,
        {{ journey_typed_column('created_at', 'timestamp') }},
        {{ journey_typed_column('first_response_at', 'timestamp') }},
        {{ journey_typed_column('solved_at', 'timestamp') }},
        {{ journey_typed_column('updated_at', 'timestamp') }},
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        {{ journey_quarantine_reason(
            required=['ticket_id', 'created_at', 'updated_at'],
            timestamps=['created_at', 'first_response_at', 'solved_at', 'updated_at']
        ) }} as quarantine_reason
    from typed

)

select * from checked
