{#- Incremental: the sessions of the anonymous_ids a run touches (new events, or a customer
    changed by identity links) are built again and replace every session of those ids. -#}
{{ journey_incremental_config('anonymous_id') }}
-- depends_on: {{ ref('int_web_anonymous_ids_touched') }}

with

events as (

    select * from {{ ref('int_web_events_sessionized') }}
    {%- if journey_incremental() %}
        where anonymous_id in (
            select anonymous_id from {{ ref('int_web_anonymous_ids_touched') }}
        )
    {%- endif %}

),

{{ journey_import('identifiers', 'int_identifiers_resolved') }}

user_ids as (

    select
        identifier_value as user_id,
        customer_id
    from identifiers
    where identifier_type = 'user_id'

),

anonymous_ids as (

    select
        identifier_value as anonymous_id,
        customer_id
    from identifiers
    where identifier_type = 'anonymous_id'

),

first_events as (

    select * from events
    where event_id = first_event_id

),

first_event_channels as (

    {{ journey_assign_channel('first_events') }}

),

session_user_events as (

    select
        events.session_id,
        events.event_at,
        events.event_id,
        events.user_id,
        user_ids.customer_id
    from events
    inner join user_ids
        on events.user_id = user_ids.user_id

),

session_users as (

    {{ journey_first_row_per('session_user_events', 'session_id', 'event_at, event_id') }}

),

session_stats as (

    select
        session_id,
        min(event_at) as started_at,
        max(event_at) as ended_at,
        count(*) as event_count,
        cast(sum(case when event_name = 'page_view' then 1 else 0 end) as {{ dbt.type_bigint() }})
            as page_view_count
    from events
    group by session_id

),

final as (

    select
        first_events.session_id,
        first_events.anonymous_id,
        coalesce(session_users.customer_id, anonymous_ids.customer_id) as customer_id,
        session_users.user_id,
        session_stats.started_at,
        session_stats.ended_at,
        cast(
            {{ dbt.datediff('session_stats.started_at', 'session_stats.ended_at', 'second') }}
            as bigint
        ) as duration_seconds,
        session_stats.event_count,
        session_stats.page_view_count,
        first_events.event_id as first_event_id,
        first_events.page_url as landing_page_url,
        first_events.referrer,
        first_events.utm_source,
        first_events.utm_medium,
        first_events.utm_campaign,
        first_event_channels.channel
    from first_events
    inner join session_stats
        on first_events.session_id = session_stats.session_id
    inner join anonymous_ids
        on first_events.anonymous_id = anonymous_ids.anonymous_id
    left join session_users
        on first_events.session_id = session_users.session_id
    left join first_event_channels
        on {{ journey_channel_join('first_events', 'first_event_channels') }}

)

select * from final
