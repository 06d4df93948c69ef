{#- A table: the two timestamp parses of the largest landing table are done once for staging,
    quarantine and reconciliation alike. -#}
{{ config(materialized='table') }}

with

source as (

    select * from {{ journey_landing_relation('web_events') }}

),

typed as (

    select
        {{ clean_text('event_id') }} as event_id,
        {{ clean_text('anonymous_id') }} as anonymous_id,
        {{ clean_text('user_id') }} as user_id,
        lower({{ clean_text('event_name') }}) as event_name,
        {{ clean_text('page_url') }} as page_url,
        {{ clean_text('referrer') }} as referrer,
        lower({{ clean_text('utm_source') }}) as utm_source,
        lower({{ clean_text('utm_medium') }}) as utm_medium,
        lower({{ clean_text('utm_campaign') }}) as utm_campaign,
        {{ clean_text('user_agent') }} as user_agent,
        {{ journey_typed_column('event_at', 'timestamp') }},
        {{ journey_typed_column('received_at', 'timestamp') }},
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        {{ journey_quarantine_reason(
            required=['event_id', 'event_at'],
            timestamps=['event_at', 'received_at']
        ) }} as quarantine_reason
    from typed

)

select * from checked
