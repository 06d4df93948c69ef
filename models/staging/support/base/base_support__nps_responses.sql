with

source as (

    select * from {{ source('support', 'nps_responses') }}

),

typed as (

    select
        {{ clean_text('response_id') }} as response_id,
        {{ normalise_email('email') }} as email_normalised,
        {{ journey_typed_column('score', 'number') }},
        {{ clean_text('comment') }} as response_comment,
        {{ journey_typed_column('responded_at', 'timestamp') }},
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        nullif(concat_ws(
            '; ',
            {{ journey_duplicate_key_reason('response_id') }},
            {{ journey_quarantine_reason(
            required=['response_id', 'score', 'responded_at'],
            timestamps=['responded_at'],
            numbers=['score']
        ) }}
        ), '') as quarantine_reason
    from typed

)

select * from checked
