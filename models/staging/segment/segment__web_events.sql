{#- Segment `pages` and `tracks` (warehouse destination) as web_events, one row per row. A
    page is a page_view; a track's name (`event_text`, else `event`) maps through the vendor
    event seed, other names keep their own (lower-cased). -#}
with

pages as (

    select * from {{ journey_vendor_relation('segment', 'pages') }}

),

tracks as (

    select * from {{ journey_vendor_relation('segment', 'tracks') }}

),

event_names as (

    select * from {{ ref('vendor_event_names') }}
    where tool = 'segment'

),

page_rows as (

    select
        pages.id as event_id,
        pages.anonymous_id,
        pages.user_id,
        event_names.event_name,
        pages.url as page_url,
        pages.referrer,
        pages.context_campaign_source as utm_source,
        pages.context_campaign_medium as utm_medium,
        pages.context_campaign_name as utm_campaign,
        pages.context_user_agent as user_agent,
        pages.timestamp as event_at,
        pages.received_at,
        pages._source_file,
        pages._source_row
    from pages
    left join event_names
        on event_names.vendor_event = 'page'

),

track_rows as (

    select
        tracks.id as event_id,
        tracks.anonymous_id,
        tracks.user_id,
        coalesce(
            event_names.event_name,
            lower(trim(coalesce(nullif(trim(tracks.event_text), ''), tracks.event)))
        ) as event_name,
        tracks.context_page_url as page_url,
        tracks.context_page_referrer as referrer,
        tracks.context_campaign_source as utm_source,
        tracks.context_campaign_medium as utm_medium,
        tracks.context_campaign_name as utm_campaign,
        tracks.context_user_agent as user_agent,
        tracks.timestamp as event_at,
        tracks.received_at,
        tracks._source_file,
        tracks._source_row
    from tracks
    left join event_names
        on
            lower(trim(coalesce(nullif(trim(tracks.event_text), ''), tracks.event)))
            = event_names.vendor_event

),

unioned as (

    select * from page_rows
    union all
    select * from track_rows

)

select * from unioned
