with

{{ journey_import('touchpoints', 'int_touchpoints_staged') }}

intents as (

    select
        touchpoint_id as intent_touchpoint_id,
        intent
    from {{ ref('int_touchpoint_intents_assigned') }}

),

final as (

    select
        touchpoint_id,
        customer_id,
        occurred_at,
        source_table,
        source_record_id,
        touchpoint_type,
        channel,
        stage,
        stage_rank,
        revenue_usd,
        is_conversion,
        stage_model,
        intent
    from touchpoints
    left join intents
        on touchpoint_id = intent_touchpoint_id

)

select * from final
