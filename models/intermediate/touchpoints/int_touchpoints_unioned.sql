{#- Every interaction of SPEC §3 from every system, before identity is applied. A web event or
    CRM activity becomes a touchpoint only when the stage map names its type. -#}
{%- set deal_won = 'deal_stage in ' ~ journey_sql_list(var('journey__deal_won_stages')) -%}
{%- set order_converts =
    'status in ' ~ journey_sql_list(var('journey__order_conversion_statuses')) -%}

with

stage_map_types as (

    select distinct
        touchpoint_type,
        source_table
    from {{ ref('int_stage_map_selected') }}

),

{{ journey_import('sessions', 'int_web_sessions_built') }}

sessionized_events as (

    select
        event_id,
        session_id
    from {{ ref('int_web_events_sessionized') }}

),

web_events as (

    select events.*
    from {{ ref('stg_web__events') }} as events
    inner join stage_map_types
        on
            events.event_name = stage_map_types.touchpoint_type
            and stage_map_types.source_table = 'web_events'
    where not events.is_bot

),

web_event_sessions as (

    select
        web_events.*,
        sessions.channel as session_channel
    from web_events
    left join sessionized_events
        on web_events.event_id = sessionized_events.event_id
    left join sessions
        on sessionized_events.session_id = sessions.session_id

),

unsessionized_events as (

    select * from web_event_sessions
    where session_channel is null

),

unsessionized_channels as (

    {{ journey_assign_channel('unsessionized_events') }}

),

activities as (

    select activities.*
    from {{ ref('stg_crm__activities') }} as activities
    inner join stage_map_types
        on
            activities.activity_type = stage_map_types.touchpoint_type
            and stage_map_types.source_table = 'crm_activities'

),

{{ journey_import('deals', 'stg_crm__deals') }}
{{ journey_import(
    'orders', 'stg_crm__orders',
    where='status in ' ~ journey_sql_list(var('journey__order_touchpoint_statuses'))
) }}
{{ journey_import('tickets', 'stg_support__tickets') }}
{{ journey_import('nps_responses', 'stg_support__nps_responses') }}

unioned as (

    select
        {{ journey_touchpoint_row(
            'web_events', 'first_event_id', "'web_session'", 'started_at',
            channel='channel', user_id='user_id', anonymous_id='anonymous_id'
        ) }}
    from sessions

    union all

    select
        {{ journey_touchpoint_row(
            'web_events', 'web_event_sessions.event_id', 'web_event_sessions.event_name',
            'web_event_sessions.event_at',
            channel='coalesce(web_event_sessions.session_channel, unsessionized_channels.channel)',
            user_id='web_event_sessions.user_id',
            anonymous_id='web_event_sessions.anonymous_id'
        ) }}
    from web_event_sessions
    left join unsessionized_channels
        on
            web_event_sessions.session_channel is null
            and {{ journey_channel_join('web_event_sessions', 'unsessionized_channels') }}

    union all

    select
        {{ journey_touchpoint_row(
            'crm_activities', 'activity_id', 'activity_type', 'occurred_at',
            contact_id='contact_id'
        ) }}
    from activities

    union all

    select
        {{ journey_touchpoint_row(
            'crm_deals', 'deal_id', "'deal_created'", 'created_at', contact_id='contact_id'
        ) }}
    from deals

    union all

    select
        {{ journey_touchpoint_row(
            'crm_deals', 'deal_id',
            "case when " ~ deal_won ~ " then 'deal_won' else 'deal_lost' end",
            'coalesce(closed_at, updated_at)',
            contact_id='contact_id',
            revenue_usd='case when ' ~ deal_won ~ ' then amount_usd end',
            is_conversion=deal_won
        ) }}
    from deals
    where
        deal_stage in {{ journey_sql_list(
            var('journey__deal_won_stages') + var('journey__deal_lost_stages')
        ) }}

    union all

    select
        {{ journey_touchpoint_row(
            'crm_orders', 'order_id', "'order'", 'ordered_at',
            contact_id='contact_id', email='email',
            revenue_usd='case when ' ~ order_converts ~ ' then order_total_usd else 0 end',
            is_conversion=order_converts
        ) }}
    from orders

    union all

    select
        {{ journey_touchpoint_row(
            'support_tickets', 'ticket_id', "'ticket_opened'", 'created_at',
            contact_id='contact_id', email='requester_email'
        ) }}
    from tickets

    union all

    select
        {{ journey_touchpoint_row(
            'survey_nps', 'response_id', "'nps_response'", 'responded_at',
            email='email', nps_score='score'
        ) }}
    from nps_responses

),

final as (

    select
        {{ journey_surrogate_key(['source_table', 'touchpoint_type', 'source_record_id']) }}
            as touchpoint_id,
        *
    from unioned

)

select * from final
