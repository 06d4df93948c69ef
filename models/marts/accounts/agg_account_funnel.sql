{#- The funnel by account for B2B teams: per first-touch month cohort of accounts, accounts that
    reached each stage (highest account stage ≥ the stage) and the step conversion rates. -#}

with

accounts as (

    select * from {{ ref('dim_accounts') }}
    where first_touch_at is not null

),

account_stages as (

    select * from {{ ref('fct_account_stages') }}

),

stages as (

    select * from {{ ref('int_journey_stages_selected') }}

),

cohorts as (

    select
        accounts.account_id,
        accounts.first_touch_at,
        cast({{ dbt.date_trunc('month', 'accounts.first_touch_at') }} as date) as cohort_month,
        coalesce(max(account_stages.stage_rank), 0) as highest_stage_rank
    from accounts
    left join account_stages
        on accounts.account_id = account_stages.account_id
    group by 1, 2, 3

),

cohort_stages as (

    select
        cohorts.cohort_month,
        stages.stage,
        stages.stage_rank,
        count(*) as cohort_accounts,
        cast(
            sum(case when cohorts.highest_stage_rank >= stages.stage_rank then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as accounts_reached,
        {{ journey_median(
            journey_seconds_between('cohorts.first_touch_at', 'account_stages.entered_at')
            ~ ' / 86400.0'
        ) }} as median_days_to_stage
    from cohorts
    cross join stages
    left join account_stages
        on
            cohorts.account_id = account_stages.account_id
            and stages.stage = account_stages.stage
    group by 1, 2, 3

),

final as (

    select
        cohort_month,
        stage,
        stage_rank,
        cohort_accounts,
        accounts_reached,
        cast(accounts_reached as {{ journey_type_double() }}) / nullif(
            lag(accounts_reached, 1, cohort_accounts) over (
                partition by cohort_month order by stage_rank
            ),
            0
        ) as step_conversion_rate,
        median_days_to_stage,
        {{ journey_stage_model() }} as stage_model
    from cohort_stages

)

select * from final
