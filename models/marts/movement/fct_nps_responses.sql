{#- Every NPS response with its group (promoter, passive, detractor), the stage the customer
    was in when responding (as in agg_nps_by_stage) and the customer's first-touch channel. -#}
{%- set promoter = var('journey__nps_promoter_min_score') -%}
{%- set detractor = var('journey__nps_detractor_max_score') -%}

with

{{ journey_import('touchpoints', 'int_touchpoints_staged') }}
{{ journey_import('stages', 'int_journey_stages_selected') }}

customers as (

    select
        customer_id as channel_customer_id,
        first_touch_channel
    from {{ ref('dim_customers') }}

),

with_stage_before as (

    select
        *,
        coalesce(
            {{ journey_rank_reached_before('customer_id', 'touch_sequence') }}, stage_rank
        ) as stage_rank_at_response
    from touchpoints

),

final as (

    select
        with_stage_before.touchpoint_id,
        with_stage_before.customer_id,
        with_stage_before.occurred_at as responded_at,
        with_stage_before.nps_score,
        case
            when with_stage_before.nps_score >= {{ promoter }} then 'promoter'
            when with_stage_before.nps_score <= {{ detractor }} then 'detractor'
            else 'passive'
        end as nps_group,
        stages.stage as stage_at_response,
        with_stage_before.stage_rank_at_response,
        customers.first_touch_channel,
        {{ journey_stage_model() }} as stage_model
    from with_stage_before
    left join stages
        on with_stage_before.stage_rank_at_response = stages.stage_rank
    left join customers
        on with_stage_before.customer_id = customers.channel_customer_id
    where with_stage_before.touchpoint_type = 'nps_response'

)

select * from final
