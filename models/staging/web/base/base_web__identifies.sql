with

source as (

    select * from {{ source('web', 'identifies') }}

),

typed as (

    select
        {{ clean_text('anonymous_id') }} as anonymous_id,
        {{ clean_text('user_id') }} as user_id,
        {{ normalise_email('email') }} as email_normalised,
        {{ journey_typed_column('identified_at', 'timestamp') }},
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        {{ journey_quarantine_reason(
            required=['identified_at'],
            timestamps=['identified_at']
        ) }} as quarantine_reason
    from typed

)

select * from checked
