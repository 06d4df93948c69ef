with

{{ journey_import('touchpoints', 'int_touchpoints_staged') }}
{{ journey_import('stages', 'int_journey_stages_selected') }}

with_neighbours as (

    select
        *,
        lag(occurred_at) over (
            partition by customer_id order by touch_sequence
        ) as previous_touch_at,
        max(stage_rank) over (
            partition by customer_id
            order by touch_sequence
            rows between unbounded preceding and current row
        ) as customer_stage_rank,
        count(*) over (partition by customer_id) as customer_touch_count
    from touchpoints

),

final as (

    select
        with_neighbours.touchpoint_id,
        with_neighbours.customer_id,
        with_neighbours.occurred_at,
        with_neighbours.source_table,
        with_neighbours.source_record_id,
        with_neighbours.touchpoint_type,
        with_neighbours.channel,
        with_neighbours.stage,
        with_neighbours.stage_rank,
        with_neighbours.revenue_usd,
        with_neighbours.is_conversion,
        with_neighbours.touch_sequence,
        with_neighbours.previous_touch_at,
        {{ journey_seconds_between(
            'with_neighbours.previous_touch_at', 'with_neighbours.occurred_at'
        ) }} / 86400.0 as days_since_previous_touch,
        with_neighbours.touch_sequence = 1 as is_first_touch,
        with_neighbours.touch_sequence = with_neighbours.customer_touch_count as is_last_touch,
        stages.stage as customer_stage,
        with_neighbours.customer_stage_rank,
        {{ journey_stage_model() }} as stage_model
    from with_neighbours
    left join stages
        on with_neighbours.customer_stage_rank = stages.stage_rank

)

select * from final
