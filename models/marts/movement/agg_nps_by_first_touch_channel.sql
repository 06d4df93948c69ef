{#- NPS by the customer's first-touch channel, and tickets opened before the first purchase
    (or by customers who never purchased): where a channel brings unhappy customers. -#}
{%- set promoter = var('journey__nps_promoter_min_score') -%}
{%- set detractor = var('journey__nps_detractor_max_score') -%}

with

customers as (

    select
        customer_id,
        coalesce(first_touch_channel, 'unknown') as first_touch_channel
    from {{ ref('dim_customers') }}
    where first_touch_at is not null

),

touchpoints as (

    select
        *,
        min(case when is_purchase then touch_sequence end) over (
            partition by customer_id
        ) as first_purchase_sequence
    from {{ ref('int_touchpoints_staged') }}

),

per_customer as (

    select
        customer_id,
        sum(
            case when touchpoint_type = 'nps_response' and nps_score is not null then 1 else 0 end
        ) as responses,
        sum(
            case when touchpoint_type = 'nps_response' and nps_score >= {{ promoter }} then 1 end
        ) as promoters,
        sum(
            case
                when
                    touchpoint_type = 'nps_response'
                    and nps_score > {{ detractor }}
                    and nps_score < {{ promoter }}
                    then 1
            end
        ) as passives,
        sum(
            case when touchpoint_type = 'nps_response' and nps_score <= {{ detractor }} then 1 end
        ) as detractors,
        sum(
            case
                when
                    touchpoint_type = 'ticket_opened'
                    and (
                        first_purchase_sequence is null
                        or touch_sequence < first_purchase_sequence
                    )
                    then 1
            end
        ) as tickets_before_first_purchase
    from touchpoints
    group by customer_id

),

final as (

    select
        customers.first_touch_channel,
        count(*) as customers,
        cast(coalesce(sum(per_customer.responses), 0) as {{ dbt.type_bigint() }}) as responses,
        cast(coalesce(sum(per_customer.promoters), 0) as {{ dbt.type_bigint() }}) as promoters,
        cast(coalesce(sum(per_customer.passives), 0) as {{ dbt.type_bigint() }}) as passives,
        cast(coalesce(sum(per_customer.detractors), 0) as {{ dbt.type_bigint() }}) as detractors,
        cast(
            100.0 * (
                coalesce(sum(per_customer.promoters), 0)
                - coalesce(sum(per_customer.detractors), 0)
            ) / nullif(sum(per_customer.responses), 0) as {{ journey_type_double() }}
        ) as nps,
        cast(
            coalesce(sum(per_customer.tickets_before_first_purchase), 0) as {{ dbt.type_bigint() }}
        ) as tickets_before_first_purchase,
        cast(
            sum(case when per_customer.tickets_before_first_purchase > 0 then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as customers_with_tickets_before_first_purchase,
        {{ journey_stage_model() }} as stage_model
    from customers
    left join per_customer
        on customers.customer_id = per_customer.customer_id
    group by customers.first_touch_channel

)

select * from final
