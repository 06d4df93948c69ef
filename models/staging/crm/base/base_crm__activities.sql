with

source as (

    select * from {{ source('crm', 'activities') }}

),

typed as (

    select
        {{ clean_text('activity_id') }} as activity_id,
        {{ clean_text('contact_id') }} as contact_id,
        lower({{ clean_text('activity_type') }}) as activity_type,
        {{ journey_typed_column('occurred_at', 'timestamp') }},
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        nullif(concat_ws(
            '; ',
            {{ journey_duplicate_key_reason('activity_id') }},
            {{ journey_quarantine_reason(
            required=['activity_id', 'occurred_at'],
            timestamps=['occurred_at']
        ) }}
        ), '') as quarantine_reason
    from typed

)

select * from checked
