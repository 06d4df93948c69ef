{#- Snowplow atomic `events` as web_events (SPEC §1), one row per atomic row. The device is
    the first-party cookie `domain_userid` (`network_userid`, the collector's cookie, when it
    is empty); the event time is `derived_tstamp` (Snowplow's skew-corrected device time),
    received at `collector_tstamp`. Events the IAB enrichment calls a spider or robot get a
    marker in the user agent, which the bot patterns seed matches (SPEC §8). -#}
{{ journey_vendor_imports('snowplow__web_events') }}

spiders as (

    select
        root_id,
        bool_or(lower(trim(spiderorrobot)) in ('true', 't', '1')) as is_spider
    from spider_context
    group by root_id

),

{{ journey_vendor_mapped('snowplow__web_events') }}
