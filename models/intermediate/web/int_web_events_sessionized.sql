{#- Incremental: the events of the anonymous_ids a run touches are sessionized again (a late
    event may reopen, split or join sessions) and replace every row of those anonymous_ids. -#}
{{ journey_incremental_config('anonymous_id') }}
-- depends_on: {{ ref('int_web_anonymous_ids_touched') }}

{%- set touched_only = (
    "anonymous_id in (select anonymous_id from " ~ ref('int_web_anonymous_ids_touched') ~ ")"
) if journey_incremental() else 'true' %}

with

events as (

    select * from {{ ref('stg_web__events') }}
    where
        not is_bot
        and {{ touched_only }}

),

anonymous_ids as (

    select identifier_value as anonymous_id
    from {{ ref('int_identifiers_resolved') }}
    where identifier_type = 'anonymous_id'

),

sessionizable_events as (

    select events.*
    from events
    inner join anonymous_ids
        on events.anonymous_id = anonymous_ids.anonymous_id

),

with_gaps as (

    select
        *,
        lag(event_at) over (
            partition by anonymous_id order by event_at, event_id
        ) as previous_event_at
    from sessionizable_events

),

flagged as (

    select
        *,
        case
            when previous_event_at is null then 1
            when event_at > {{ dbt.dateadd(
                'minute', var('session_timeout_minutes'), 'previous_event_at'
            ) }} then 1
            else 0
        end as is_session_start
    from with_gaps

),

numbered as (

    select
        *,
        sum(is_session_start) over (
            partition by anonymous_id
            order by event_at, event_id
            rows between unbounded preceding and current row
        ) as session_index
    from flagged

),

final as (

    select
        *,
        first_value(event_id) over (
            partition by anonymous_id, session_index
            order by event_at, event_id
            rows between unbounded preceding and unbounded following
        ) as first_event_id
    from numbered

)

select
    {{ journey_surrogate_key(['anonymous_id', 'first_event_id']) }} as session_id,
    final.*
from final
