{#- One row per current CRM account with its buying group, first touch, close and revenue. -#}

with

{{ journey_import('accounts', 'stg_crm__accounts') }}
{{ journey_import('members', 'int_account_members_collected') }}
{{ journey_import('touchpoints', 'int_touchpoints_staged') }}
{{ journey_import('current_stages', 'fct_account_stages', where='is_current') }}

member_touchpoints as (

    select
        members.account_id,
        touchpoints.touchpoint_id,
        touchpoints.occurred_at,
        touchpoints.channel,
        touchpoints.is_purchase,
        touchpoints.is_conversion,
        touchpoints.revenue_usd,
        row_number() over (
            partition by members.account_id
            order by touchpoints.occurred_at, touchpoints.touchpoint_id
        ) as account_touch_sequence
    from members
    inner join touchpoints
        on members.customer_id = touchpoints.customer_id

),

summary as (

    select
        account_id,
        min(occurred_at) as first_touch_at,
        min(case when is_purchase then occurred_at end) as first_purchase_at,
        coalesce(
            {{ journey_exact_sum('case when is_conversion then revenue_usd end') }}, 0
        ) as revenue_usd,
        cast(sum(case when is_conversion then 1 else 0 end) as {{ dbt.type_bigint() }})
            as conversions
    from member_touchpoints
    group by account_id

),

first_touches as (

    select
        account_id,
        channel as first_touch_channel
    from member_touchpoints
    where account_touch_sequence = 1

),

group_sizes as (

    select
        account_id,
        count(*) as buying_group_size
    from members
    group by account_id

),

final as (

    select
        accounts.account_id,
        accounts.account_name,
        accounts.industry,
        accounts.employee_count,
        coalesce(group_sizes.buying_group_size, 0) as buying_group_size,
        summary.first_touch_at,
        first_touches.first_touch_channel,
        summary.first_purchase_at,
        {{ journey_seconds_between('summary.first_touch_at', 'summary.first_purchase_at') }}
        / 86400.0 as days_to_close,
        coalesce(summary.conversions, 0) as conversions,
        coalesce(summary.revenue_usd, 0) as revenue_usd,
        current_stages.stage as current_stage,
        current_stages.stage_rank as current_stage_rank,
        {{ journey_stage_model() }} as stage_model
    from accounts
    left join group_sizes
        on accounts.account_id = group_sizes.account_id
    left join summary
        on accounts.account_id = summary.account_id
    left join first_touches
        on accounts.account_id = first_touches.account_id
    left join current_stages
        on accounts.account_id = current_stages.account_id

)

select * from final
