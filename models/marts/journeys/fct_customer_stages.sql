with

{{ journey_import('touchpoints', 'int_touchpoints_staged', where='stage_rank is not null') }}

with_reached as (

    select
        *,
        {{ journey_rank_reached_before('customer_id', 'touch_sequence') }} as reached_rank_before
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
        {{ journey_stage_stay_columns() }},
        entered_touchpoint_id,
        {{ journey_stage_model() }} as stage_model
    from with_exits

)

select * from final
