{#- One row per (conversion, eligible marketing touchpoint) with the credit of every model
    (SPEC §5). Eligible: the customer's marketing touchpoints in
    [conversion_at - attribution_window_days, conversion_at), where "before the conversion"
    follows the timeline order (SPEC §4): a touch at the conversion's instant counts when the
    journey order puts it first. Positions follow the same order (touch_sequence). -#}
{%- set first_share = var('journey__position_based_first_share') -%}
{%- set last_share = var('journey__position_based_last_share') -%}
{%- set double = journey_type_double() -%}

with

{{ journey_import('touchpoints', 'int_touchpoints_staged') }}

conversions as (

    select * from touchpoints
    where is_conversion

),

marketing_touches as (

    select * from touchpoints
    where is_marketing_touch

),

eligible as (

    select
        conversions.touchpoint_id as conversion_touchpoint_id,
        marketing_touches.touchpoint_id,
        marketing_touches.touchpoint_type,
        marketing_touches.occurred_at as touchpoint_at,
        marketing_touches.channel,
        row_number() over (
            partition by conversions.touchpoint_id
            order by marketing_touches.touch_sequence
        ) as touch_position,
        count(*) over (partition by conversions.touchpoint_id) as touch_count,
        power(
            2.0,
            -1.0 * {{ journey_seconds_between(
                'marketing_touches.occurred_at', 'conversions.occurred_at'
            ) }} / 86400.0 / {{ var('journey__time_decay_half_life_days') }}
        ) as decay_weight
    from conversions
    inner join marketing_touches
        on
            conversions.customer_id = marketing_touches.customer_id
            and conversions.touch_sequence > marketing_touches.touch_sequence
            and {{ dbt.dateadd(
                'day', -1 * var('attribution_window_days'), 'conversions.occurred_at'
            ) }} <= marketing_touches.occurred_at

),

final as (

    select
        *,
        cast(case when touch_position = 1 then 1.0 else 0.0 end as {{ double }})
            as first_touch_credit,
        cast(case when touch_position = touch_count then 1.0 else 0.0 end as {{ double }})
            as last_touch_credit,
        cast(1.0 as {{ double }}) / touch_count as linear_credit,
        cast(case
            when touch_count = 1 then 1.0
            when touch_count = 2 then 0.5
            when touch_position = 1 then {{ first_share }}
            when touch_position = touch_count then {{ last_share }}
            else (1.0 - {{ first_share }} - {{ last_share }}) / (touch_count - 2)
        end as {{ double }}) as position_based_credit,
        -- Summed smallest first over the whole partition: a sum of doubles depends in its
        -- last bits on the order of addition, which is otherwise the order rows arrive in.
        decay_weight / sum(decay_weight) over (
            partition by conversion_touchpoint_id
            order by decay_weight
            rows between unbounded preceding and unbounded following
        ) as time_decay_credit
    from eligible

)

select * from final
