with

touchpoints as (

    select * from {{ ref('int_touchpoints_staged') }}
    where stage_rank is not null

),

with_reached as (

    select
        *,
        max(stage_rank) over (
            partition by customer_id
            order by touch_sequence
            rows between unbounded preceding and 1 preceding
        ) as reached_rank_before
    from touchpoints

),

entries as (

    select
        customer_id,
        stage,
        stage_rank,
        occurred_at as entered_at,
        touchpoint_id as entered_touchpoint_id,
        touch_sequence
    from with_reached
    where stage_rank > coalesce(reached_rank_before, 0)

),

with_exits as (

    select
        *,
        lead(entered_at) over (
            partition by customer_id order by touch_sequence
        ) as exited_at
    from entries

),

final as (

    select
        {{ journey_surrogate_key(['customer_id', 'stage']) }} as customer_stage_id,
        customer_id,
        stage,
        stage_rank,
        entered_at,
        exited_at,
        exited_at is null as is_current,
        {{ journey_seconds_between('entered_at', 'exited_at') }} / 86400.0 as days_in_stage,
        entered_touchpoint_id,
        {{ journey_stage_model() }} as stage_model
    from with_exits

)

select * from final
