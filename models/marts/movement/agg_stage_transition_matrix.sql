{#- Stage-to-stage moves per first-touch month cohort and first-touch channel: how many of
    the customers who entered a stage moved on to each next stage, and how fast. -#}

with

customers as (

    select
        customer_id,
        cast({{ dbt.date_trunc('month', 'first_touch_at') }} as date) as cohort_month,
        coalesce(first_touch_channel, 'unknown') as first_touch_channel
    from {{ ref('dim_customers') }}
    where first_touch_at is not null

),

{{ journey_import('customer_stages', 'fct_customer_stages') }}
{{ journey_import('transitions', 'fct_stage_transitions') }}

entered as (

    select
        customers.cohort_month,
        customers.first_touch_channel,
        customer_stages.stage,
        count(*) as customers_entered
    from customer_stages
    inner join customers
        on customer_stages.customer_id = customers.customer_id
    group by 1, 2, 3

),

moves as (

    select
        customers.cohort_month,
        customers.first_touch_channel,
        transitions.from_stage,
        transitions.from_stage_rank,
        transitions.to_stage,
        transitions.to_stage_rank,
        count(*) as transitions,
        {{ journey_median('transitions.days_taken') }} as median_days_taken
    from transitions
    inner join customers
        on transitions.customer_id = customers.customer_id
    group by 1, 2, 3, 4, 5, 6

),

final as (

    select
        moves.cohort_month,
        moves.first_touch_channel,
        moves.from_stage,
        moves.from_stage_rank,
        moves.to_stage,
        moves.to_stage_rank,
        entered.customers_entered as customers_entered_from_stage,
        moves.transitions,
        cast(moves.transitions as {{ journey_type_double() }})
        / entered.customers_entered as transition_share,
        moves.median_days_taken,
        {{ journey_stage_model() }} as stage_model
    from moves
    inner join entered
        on
            moves.cohort_month = entered.cohort_month
            and moves.first_touch_channel = entered.first_touch_channel
            and moves.from_stage = entered.stage

)

select * from final
