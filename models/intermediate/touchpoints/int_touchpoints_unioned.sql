{#- Every interaction of SPEC §3 from every system, before identity is applied. A web event or
    CRM activity becomes a touchpoint only when the stage map names its type. -#}
{%- set string = dbt.type_string() -%}
{%- set number = journey_type_double() -%}

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
        'web_events' as source_table,
        first_event_id as source_record_id,
        'web_session' as touchpoint_type,
        started_at as occurred_at,
        channel,
        cast(null as {{ string }}) as contact_id,
        user_id,
        cast(null as {{ string }}) as email,
        anonymous_id,
        cast(null as {{ number }}) as revenue_usd,
        false as is_conversion,
        cast(null as integer) as nps_score
    from sessions

    union all

    select
        'web_events' as source_table,
        web_event_sessions.event_id as source_record_id,
        web_event_sessions.event_name as touchpoint_type,
        web_event_sessions.event_at as occurred_at,
        coalesce(web_event_sessions.session_channel, unsessionized_channels.channel) as channel,
        cast(null as {{ string }}) as contact_id,
        web_event_sessions.user_id,
        cast(null as {{ string }}) as email,
        web_event_sessions.anonymous_id,
        cast(null as {{ number }}) as revenue_usd,
        false as is_conversion,
        cast(null as integer) as nps_score
    from web_event_sessions
    left join unsessionized_channels
        on
            web_event_sessions.session_channel is null
            and {{ journey_channel_join('web_event_sessions', 'unsessionized_channels') }}

    union all

    select
        'crm_activities' as source_table,
        activity_id as source_record_id,
        activity_type as touchpoint_type,
        occurred_at,
        cast(null as {{ string }}) as channel,
        contact_id,
        cast(null as {{ string }}) as user_id,
        cast(null as {{ string }}) as email,
        cast(null as {{ string }}) as anonymous_id,
        cast(null as {{ number }}) as revenue_usd,
        false as is_conversion,
        cast(null as integer) as nps_score
    from activities

    union all

    select
        'crm_deals' as source_table,
        deal_id as source_record_id,
        'deal_created' as touchpoint_type,
        created_at as occurred_at,
        cast(null as {{ string }}) as channel,
        contact_id,
        cast(null as {{ string }}) as user_id,
        cast(null as {{ string }}) as email,
        cast(null as {{ string }}) as anonymous_id,
        cast(null as {{ number }}) as revenue_usd,
        false as is_conversion,
        cast(null as integer) as nps_score
    from deals

    union all

    select
        'crm_deals' as source_table,
        deal_id as source_record_id,
        case
            when deal_stage in {{ journey_sql_list(var('journey__deal_won_stages')) }}
                then 'deal_won'
            else 'deal_lost'
        end as touchpoint_type,
        coalesce(closed_at, updated_at) as occurred_at,
        cast(null as {{ string }}) as channel,
        contact_id,
        cast(null as {{ string }}) as user_id,
        cast(null as {{ string }}) as email,
        cast(null as {{ string }}) as anonymous_id,
        case
            when deal_stage in {{ journey_sql_list(var('journey__deal_won_stages')) }}
                then amount_usd
        end as revenue_usd,
        deal_stage in {{ journey_sql_list(var('journey__deal_won_stages')) }} as is_conversion,
        cast(null as integer) as nps_score
    from deals
    where
        deal_stage in {{ journey_sql_list(
            var('journey__deal_won_stages') + var('journey__deal_lost_stages')
        ) }}

    union all

    select
        'crm_orders' as source_table,
        order_id as source_record_id,
        'order' as touchpoint_type,
        ordered_at as occurred_at,
        cast(null as {{ string }}) as channel,
        contact_id,
        cast(null as {{ string }}) as user_id,
        email,
        cast(null as {{ string }}) as anonymous_id,
        case
            when status in {{ journey_sql_list(var('journey__order_conversion_statuses')) }}
                then order_total_usd
            else 0
        end as revenue_usd,
        status in {{ journey_sql_list(var('journey__order_conversion_statuses')) }}
            as is_conversion,
        cast(null as integer) as nps_score
    from orders

    union all

    select
        'support_tickets' as source_table,
        ticket_id as source_record_id,
        'ticket_opened' as touchpoint_type,
        created_at as occurred_at,
        cast(null as {{ string }}) as channel,
        contact_id,
        cast(null as {{ string }}) as user_id,
        requester_email as email,
        cast(null as {{ string }}) as anonymous_id,
        cast(null as {{ number }}) as revenue_usd,
        false as is_conversion,
        cast(null as integer) as nps_score
    from tickets

    union all

    select
        'survey_nps' as source_table,
        response_id as source_record_id,
        'nps_response' as touchpoint_type,
        responded_at as occurred_at,
        cast(null as {{ string }}) as channel,
        cast(null as {{ string }}) as contact_id,
        cast(null as {{ string }}) as user_id,
        email,
        cast(null as {{ string }}) as anonymous_id,
        cast(null as {{ number }}) as revenue_usd,
        false as is_conversion,
        score as nps_score
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
