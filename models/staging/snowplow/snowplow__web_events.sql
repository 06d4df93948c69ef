{#- Snowplow atomic `events` as web_events (SPEC §1), one row per atomic row. The device is
    the first-party cookie `domain_userid` (`network_userid`, the collector's cookie, when it
    is empty); the event time is `derived_tstamp` (Snowplow's skew-corrected device time),
    received at `collector_tstamp`. Events the IAB enrichment calls a spider or robot get a
    marker in the user agent, which the bot patterns seed matches (SPEC §8). -#}
with

events as (

    select * from {{ journey_vendor_relation('snowplow', 'events') }}

),

spider_context as (

    select * from {{ journey_vendor_relation('snowplow', 'com_iab_snowplow_spiders_and_robots_1') }}

),

event_names as (

    select * from {{ ref('vendor_event_names') }}
    where tool = 'snowplow'

),

spiders as (

    select
        root_id,
        bool_or(lower(trim(spiderorrobot)) in ('true', 't', '1')) as is_spider
    from spider_context
    group by root_id

),

mapped as (

    select
        -- ids
        events.event_id,
        coalesce(
            nullif(trim(events.domain_userid), ''), nullif(trim(events.network_userid), '')
        ) as anonymous_id,
        events.user_id,
        -- what happened
        coalesce(
            event_names.event_name,
            lower(coalesce(nullif(trim(events.event_name), ''), trim(events.event)))
        ) as event_name,
        events.page_url,
        events.page_referrer as referrer,
        events.mkt_source as utm_source,
        events.mkt_medium as utm_medium,
        events.mkt_campaign as utm_campaign,
        case
            when
                coalesce(spiders.is_spider, false)
                or replace(
                    lower(events.contexts_com_iab_snowplow_spiders_and_robots_1_0_0), ' ', ''
                ) like '%"spiderorrobot":true%'
                then concat(coalesce(events.useragent, ''), ' [IAB spiderOrRobot]')
            else events.useragent
        end as user_agent,
        -- when
        coalesce(
            nullif(trim(events.derived_tstamp), ''),
            nullif(trim(events.dvce_created_tstamp), ''),
            nullif(trim(events.collector_tstamp), '')
        ) as event_at,
        events.collector_tstamp as received_at,
        -- lineage
        events._source_file,
        events._source_row
    from events
    left join spiders
        on events.event_id = spiders.root_id
    left join event_names
        on
            lower(coalesce(nullif(trim(events.event_name), ''), trim(events.event)))
            = lower(event_names.vendor_event)

)

select * from mapped
