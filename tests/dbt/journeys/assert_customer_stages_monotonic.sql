-- SPEC §4: a customer's stage rows rise strictly in rank as time goes on, and exactly one is
-- current.
with

ordered as (

    select
        customer_id,
        stage_rank,
        entered_at,
        is_current,
        lag(stage_rank) over (
            partition by customer_id order by entered_at, stage_rank
        ) as previous_rank,
        count(*) filter (where is_current) over (partition by customer_id) as current_rows
    from {{ ref('fct_customer_stages') }}

)

select *
from ordered
where stage_rank <= previous_rank or current_rows != 1
