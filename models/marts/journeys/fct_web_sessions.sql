with

sessions as (

    select * from {{ ref('int_web_sessions_built') }}

),

final as (

    select
        session_id,
        anonymous_id,
        customer_id,
        user_id,
        started_at,
        ended_at,
        duration_seconds,
        event_count,
        page_view_count,
        first_event_id,
        landing_page_url,
        {{ journey_url_without_personal_query('landing_page_url') }} as landing_page_url_safe,
        referrer,
        {{ journey_url_without_personal_query('referrer') }} as referrer_safe,
        utm_source,
        utm_medium,
        utm_campaign,
        channel
    from sessions

)

select * from final
