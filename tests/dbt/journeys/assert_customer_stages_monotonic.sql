-- SPEC §4: ordered by the timeline position (touch_sequence) of the touchpoint that entered
-- them, a customer's stage rows rise strictly in rank, and exactly one is current. Ordering by
-- the entering touchpoint, not by (entered_at, stage_rank), means two stages entered in the
-- wrong order at the same instant fail instead of being re-sorted.
with

{{ journey_import('stages', 'fct_customer_stages') }}

timeline as (

    select
        touchpoint_id,
        touch_sequence
    from {{ ref('fct_customer_timeline') }}

),

ordered as (

    select
        stages.customer_id,
        stages.stage,
        stages.stage_rank,
        stages.entered_at,
        stages.entered_touchpoint_id,
        timeline.touch_sequence,
        stages.is_current,
        lag(stages.stage_rank) over (
            partition by stages.customer_id
            order by timeline.touch_sequence
        ) as previous_rank,
        sum(case when stages.is_current then 1 else 0 end) over (
            partition by stages.customer_id
        ) as current_rows
    from stages
    left join timeline
        on stages.entered_touchpoint_id = timeline.touchpoint_id

)

select *
from ordered
where
    touch_sequence is null
    or stage_rank <= previous_rank
    or current_rows != 1
