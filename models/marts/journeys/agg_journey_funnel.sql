with

customers as (

    select * from {{ ref('dim_customers') }}
    where first_touch_at is not null

),

customer_stages as (

    select * from {{ ref('fct_customer_stages') }}

),

stages as (

    select * from {{ ref('int_journey_stages_selected') }}

),

cohorts as (

    select
        customers.customer_id,
        customers.first_touch_at,
        cast({{ dbt.date_trunc('month', 'customers.first_touch_at') }} as date) as cohort_month,
        coalesce(customers.first_touch_channel, 'unknown') as first_touch_channel,
        coalesce(max(customer_stages.stage_rank), 0) as highest_stage_rank
    from customers
    left join customer_stages
        on customers.customer_id = customer_stages.customer_id
    group by 1, 2, 3, 4

),

cohort_stages as (

    select
        cohorts.cohort_month,
        cohorts.first_touch_channel,
        stages.stage,
        stages.stage_rank,
        count(*) as cohort_customers,
        cast(
            sum(case when cohorts.highest_stage_rank >= stages.stage_rank then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as customers_reached,
        {{ journey_median(
            journey_seconds_between('cohorts.first_touch_at', 'customer_stages.entered_at')
            ~ ' / 86400.0'
        ) }} as median_days_to_stage
    from cohorts
    cross join stages
    left join customer_stages
        on
            cohorts.customer_id = customer_stages.customer_id
            and stages.stage = customer_stages.stage
    group by 1, 2, 3, 4

),

final as (

    select
        cohort_month,
        first_touch_channel,
        stage,
        stage_rank,
        cohort_customers,
        customers_reached,
        cast(customers_reached as {{ journey_type_double() }}) / nullif(
            lag(customers_reached, 1, cohort_customers) over (
                partition by cohort_month, first_touch_channel order by stage_rank
            ),
            0
        ) as step_conversion_rate,
        median_days_to_stage,
        {{ journey_stage_model() }} as stage_model
    from cohort_stages

)

select * from final
