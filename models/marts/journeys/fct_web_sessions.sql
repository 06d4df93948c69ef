{#- Incremental: replaces every session of the anonymous_ids a run touches. -#}
{{ config(
    materialized=journey_incremental_materialization(),
    incremental_strategy='delete+insert',
    unique_key='anonymous_id',
    on_schema_change='fail',
    full_refresh=journey_full_refresh_config(),
    pre_hook="{{ journey_incremental_reset() }}"
) }}
-- depends_on: {{ ref('int_web_anonymous_ids_touched') }}

with

sessions as (

    select * from {{ ref('int_web_sessions_built') }}
    {%- if journey_incremental() %}
        where anonymous_id in (
            select anonymous_id from {{ ref('int_web_anonymous_ids_touched') }}
        )
    {%- endif %}

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
