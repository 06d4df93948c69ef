with

source as (

    select * from {{ journey_landing_relation('web_identifies') }}

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
        nullif(concat_ws(
            '; ',
            case
                when anonymous_id is null and user_id is null
                    then 'missing anonymous_id and user_id'
            end,
            {{ journey_quarantine_reason(timestamps=['identified_at']) }}
        ), '') as quarantine_reason
    from typed

)

select * from checked
