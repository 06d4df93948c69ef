with

{{ journey_import('identifies', 'base_web__identifies', where='quarantine_reason is null') }}

final as (

    select
        {{ journey_surrogate_key(['_source_file', '_source_row']) }} as identify_id,
        anonymous_id,
        user_id,
        {{ journey_email_columns('email_normalised', 'email') }},
        identified_at,
        -- lineage
        _source_file,
        _source_row
    from identifies

)

select * from final
