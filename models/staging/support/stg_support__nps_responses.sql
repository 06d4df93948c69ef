with

{{ journey_import('responses', 'base_support__nps_responses', where='quarantine_reason is null') }}

final as (

    select
        response_id,
        {{ journey_email_columns('email_normalised', 'email') }},
        cast(score as integer) as score,
        comment as response_comment,
        responded_at,
        -- lineage
        _source_file,
        _source_row
    from responses

)

select * from final
