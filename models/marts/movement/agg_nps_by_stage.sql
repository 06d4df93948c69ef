{#- NPS by the stage the customer was in when responding: the highest stage reached before
    the response (the response's own stage when it is the customer's first staged touch).
    Tickets opened in each stage are counted the same way: a pain-point signal beside NPS. -#}
{%- set promoter = var('journey__nps_promoter_min_score') -%}
{%- set detractor = var('journey__nps_detractor_max_score') -%}

with

{{ journey_import('stages', 'int_journey_stages_selected') }}
{{ journey_import('touchpoints', 'int_touchpoints_staged') }}

with_stage_before as (

    select
        touchpoint_type,
        nps_score,
        coalesce(
            {{ journey_rank_reached_before('customer_id', 'touch_sequence') }}, stage_rank
        ) as stage_rank_at_touch
    from touchpoints

),

responses as (

    select
        stage_rank_at_touch,
        nps_score
    from with_stage_before
    where touchpoint_type = 'nps_response'

),

response_counts as (

    select
        stage_rank_at_touch,
        count(nps_score) as responses,
        sum(case when nps_score >= {{ promoter }} then 1 else 0 end) as promoters,
        sum(
            case when nps_score > {{ detractor }} and nps_score < {{ promoter }} then 1 else 0 end
        ) as passives,
        sum(case when nps_score <= {{ detractor }} then 1 else 0 end) as detractors
    from responses
    group by stage_rank_at_touch

),

ticket_counts as (

    select
        stage_rank_at_touch,
        count(*) as tickets_opened
    from with_stage_before
    where touchpoint_type = 'ticket_opened'
    group by stage_rank_at_touch

),

final as (

    select
        stages.stage,
        stages.stage_rank,
        cast(coalesce(response_counts.responses, 0) as {{ dbt.type_bigint() }}) as responses,
        cast(coalesce(response_counts.promoters, 0) as {{ dbt.type_bigint() }}) as promoters,
        cast(coalesce(response_counts.passives, 0) as {{ dbt.type_bigint() }}) as passives,
        cast(coalesce(response_counts.detractors, 0) as {{ dbt.type_bigint() }}) as detractors,
        cast(
            100.0 * (response_counts.promoters - response_counts.detractors)
            / nullif(response_counts.responses, 0) as {{ journey_type_double() }}
        ) as nps,
        cast(coalesce(ticket_counts.tickets_opened, 0) as {{ dbt.type_bigint() }})
            as tickets_opened,
        {{ journey_stage_model() }} as stage_model
    from stages
    left join response_counts
        on stages.stage_rank = response_counts.stage_rank_at_touch
    left join ticket_counts
        on stages.stage_rank = ticket_counts.stage_rank_at_touch

)

select * from final
