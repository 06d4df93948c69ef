{#- Incremental: the event_ids delivered in the newest batch are decided again over all their
    deliveries (a late delivery may be the earliest received), and replace their rows. -#}
{{ journey_incremental_config('event_id') }}

{%- set new_event_ids_only = (
    "event_id in (select event_id from " ~ ref('base_web__events')
    ~ " where _source_file in " ~ journey_new_files('web_events') ~ ")"
) if journey_incremental() else 'true' %}
{%- set usable_events = 'quarantine_reason is null and ' ~ new_event_ids_only %}

with

{{ journey_import('events', 'base_web__events', where=usable_events) }}
{{ journey_import('bot_patterns', 'bot_user_agent_patterns') }}

first_deliveries as (

    {{ journey_first_row_per(
        'events', 'event_id', 'received_at asc nulls last, _source_file, _source_row'
    ) }}

),

bot_user_agents as (

    select distinct user_agents.user_agent
    from (select distinct user_agent from first_deliveries) as user_agents
    inner join bot_patterns
        on lower(user_agents.user_agent) like '%' || lower(bot_patterns.pattern) || '%'

),

final as (

    select
        first_deliveries.event_id,
        first_deliveries.anonymous_id,
        first_deliveries.user_id,
        first_deliveries.event_name,
        first_deliveries.page_url,
        first_deliveries.referrer,
        first_deliveries.utm_source,
        first_deliveries.utm_medium,
        first_deliveries.utm_campaign,
        first_deliveries.user_agent,
        case
            when first_deliveries.event_at > {{ dbt.dateadd(
                'minute',
                var('journey__clock_skew_tolerance_minutes'),
                'first_deliveries.received_at'
            ) }} then first_deliveries.received_at
            else first_deliveries.event_at
        end as event_at,
        first_deliveries.event_at as client_event_at,
        first_deliveries.received_at,
        coalesce(first_deliveries.event_at > {{ dbt.dateadd(
            'minute',
            var('journey__clock_skew_tolerance_minutes'),
            'first_deliveries.received_at'
        ) }}, false) as is_clock_skewed,
        bot_user_agents.user_agent is not null as is_bot,
        -- lineage
        first_deliveries._source_file,
        first_deliveries._source_row
    from first_deliveries
    left join bot_user_agents
        on first_deliveries.user_agent = bot_user_agents.user_agent

)

select * from final
