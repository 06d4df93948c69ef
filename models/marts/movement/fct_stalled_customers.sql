{#- The pain points: customers in their current stage for longer than the stage's stall
    threshold (int_stage_stall_thresholds), counted up to `journey__stall_as_of` (default: the
    latest touchpoint in the data), with their last touchpoint and open tickets. -#}
{%- set as_of = var('journey__stall_as_of') -%}

with

{{ journey_import('current_stages', 'fct_customer_stages', where='is_current') }}
{{ journey_import(
    'thresholds', 'int_stage_stall_thresholds', where='stall_threshold_days is not null'
) }}
{{ journey_import('touchpoints', 'int_touchpoints_staged') }}
{{ journey_import('tickets', 'stg_support__tickets') }}

as_of as (

    select
        {%- if as_of is not none %}
            cast('{{ as_of }}' as timestamp) as as_of_at
        {%- else %}
            max(occurred_at) as as_of_at
        {%- endif %}
    from touchpoints

),

last_touches as (

    {{ journey_first_row_per('touchpoints', 'customer_id', 'touch_sequence desc') }}

),

open_tickets as (

    select
        touchpoints.customer_id,
        count(*) as open_tickets
    from touchpoints
    inner join tickets
        on
            touchpoints.source_record_id = tickets.ticket_id
            and touchpoints.touchpoint_type = 'ticket_opened'
    where
        coalesce(tickets.status, '') not in
        {{ journey_sql_list(var('journey__closed_ticket_statuses')) }}
    group by touchpoints.customer_id

),

measured as (

    select
        current_stages.customer_id,
        current_stages.stage,
        current_stages.stage_rank,
        current_stages.entered_at,
        as_of.as_of_at,
        {{ journey_seconds_between('current_stages.entered_at', 'as_of.as_of_at') }} / 86400.0
            as days_stalled,
        thresholds.stall_threshold_days
    from current_stages
    inner join thresholds
        on current_stages.stage = thresholds.stage
    cross join as_of

),

final as (

    select
        measured.customer_id,
        -- stage
        measured.stage,
        measured.stage_rank,
        measured.entered_at,
        measured.as_of_at,
        measured.days_stalled,
        measured.stall_threshold_days,
        -- last touchpoint
        last_touches.touchpoint_id as last_touchpoint_id,
        last_touches.occurred_at as last_touchpoint_at,
        last_touches.touchpoint_type as last_touchpoint_type,
        last_touches.channel as last_touchpoint_channel,
        -- support
        coalesce(open_tickets.open_tickets, 0) as open_tickets,
        {{ journey_stage_model() }} as stage_model
    from measured
    left join last_touches
        on measured.customer_id = last_touches.customer_id
    left join open_tickets
        on measured.customer_id = open_tickets.customer_id
    where measured.days_stalled > measured.stall_threshold_days

)

select * from final
