{#- Stages per touchpoint (SPEC §4): the stage map (with NPS score bounds), rule 1 (a type's
    `first_touch_stage` applies to the customer's first touchpoint) and rule 2 (strictly after
    the first purchase, stages ranked below the stage model's `post_purchase` stage become it;
    before, stages ranked at or above it become its `pre_purchase_fallback` stage; roles are
    columns of the `journey_stages` seed, per `journey__stage_model`). "Before" and "after"
    follow the timeline order: occurred_at, then the type's journey order (`touchpoint_types`
    seed; types without one come after every listed type), then touchpoint_id. -#}

with

{{ journey_import('touchpoints', 'int_touchpoints_identified', where='customer_id is not null') }}
{{ journey_import('stage_map', 'int_stage_map_selected') }}
{{ journey_import('stages', 'int_journey_stages_selected') }}
{{ journey_import('touchpoint_types', 'touchpoint_types') }}

unlisted_journey_order as (

    select coalesce(max(journey_order), 0) + 1 as journey_order
    from touchpoint_types

),

post_purchase_stage as (

    select
        stage,
        stage_rank
    from stages
    where stage_role = 'post_purchase'

),

pre_purchase_stage as (

    select stage
    from stages
    where stage_role = 'pre_purchase_fallback'

),

sequenced as (

    select
        touchpoints.*,
        coalesce(touchpoint_types.is_purchase, false) as is_purchase,
        coalesce(touchpoint_types.is_marketing_touch, false) as is_marketing_touch,
        touchpoint_types.channel as type_channel,
        coalesce(touchpoint_types.journey_order, unlisted_journey_order.journey_order)
            as journey_order,
        cast(row_number() over (
            partition by touchpoints.customer_id
            order by
                touchpoints.occurred_at,
                coalesce(touchpoint_types.journey_order, unlisted_journey_order.journey_order),
                touchpoints.touchpoint_id
        ) as {{ dbt.type_bigint() }}) as touch_sequence
    from touchpoints
    cross join unlisted_journey_order
    left join touchpoint_types
        on touchpoints.touchpoint_type = touchpoint_types.touchpoint_type

),

first_purchases as (

    select
        customer_id,
        min(touch_sequence) as first_purchase_sequence
    from sequenced
    where is_purchase
    group by customer_id

),

matching_rules as (

    select
        sequenced.touchpoint_id,
        stage_map.rule_order,
        stage_map.stage,
        stage_map.first_touch_stage
    from sequenced
    inner join stage_map
        on
            sequenced.touchpoint_type = stage_map.touchpoint_type
            and (stage_map.min_score is null or sequenced.nps_score >= stage_map.min_score)
            and (stage_map.max_score is null or sequenced.nps_score <= stage_map.max_score)

),

mapped as (

    {{ journey_first_row_per('matching_rules', 'touchpoint_id', 'rule_order') }}

),

with_rule_1 as (

    select
        sequenced.*,
        first_purchases.first_purchase_sequence,
        case
            when sequenced.touch_sequence = 1 and mapped.first_touch_stage is not null
                then mapped.first_touch_stage
            else mapped.stage
        end as mapped_stage
    from sequenced
    left join mapped
        on sequenced.touchpoint_id = mapped.touchpoint_id
    left join first_purchases
        on sequenced.customer_id = first_purchases.customer_id

),

with_rule_2 as (

    select
        with_rule_1.*,
        case
            when mapped_stages.stage_rank is null then null
            when
                with_rule_1.touch_sequence > with_rule_1.first_purchase_sequence
                and mapped_stages.stage_rank < post_purchase_stage.stage_rank
                then post_purchase_stage.stage
            when
                (
                    with_rule_1.first_purchase_sequence is null
                    or with_rule_1.touch_sequence < with_rule_1.first_purchase_sequence
                )
                and mapped_stages.stage_rank >= post_purchase_stage.stage_rank
                then pre_purchase_stage.stage
            else with_rule_1.mapped_stage
        end as stage
    from with_rule_1
    cross join post_purchase_stage
    cross join pre_purchase_stage
    left join stages as mapped_stages
        on with_rule_1.mapped_stage = mapped_stages.stage

),

final as (

    select
        with_rule_2.touchpoint_id,
        with_rule_2.customer_id,
        with_rule_2.occurred_at,
        with_rule_2.source_table,
        with_rule_2.source_record_id,
        with_rule_2.touchpoint_type,
        coalesce(with_rule_2.channel, with_rule_2.type_channel) as channel,
        with_rule_2.stage,
        final_stages.stage_rank,
        {{ journey_stage_model() }} as stage_model,
        with_rule_2.revenue_usd,
        with_rule_2.is_conversion,
        with_rule_2.is_purchase,
        with_rule_2.is_marketing_touch,
        with_rule_2.nps_score,
        with_rule_2.journey_order,
        with_rule_2.touch_sequence
    from with_rule_2
    left join stages as final_stages
        on with_rule_2.stage = final_stages.stage

)

select * from final
