{#- Every move of a customer from one stage to the next one entered (monotonic, SPEC §4; a
    skipped stage is jumped over), with the touchpoint that caused it. -#}

with

{{ journey_import('customer_stages', 'fct_customer_stages') }}

touchpoints as (

    select
        touchpoint_id as caused_by_touchpoint_id,
        touchpoint_type as caused_by_touchpoint_type,
        channel as caused_by_channel,
        intent as caused_by_intent
    from {{ ref('fct_touchpoints') }}

),

with_previous as (

    select
        customer_id,
        stage as to_stage,
        stage_rank as to_stage_rank,
        entered_at as transitioned_at,
        entered_touchpoint_id,
        lag(stage) over (partition by customer_id order by stage_rank) as from_stage,
        lag(stage_rank) over (partition by customer_id order by stage_rank) as from_stage_rank,
        lag(entered_at) over (partition by customer_id order by stage_rank) as from_entered_at
    from customer_stages

),

final as (

    select
        {{ journey_surrogate_key(['customer_id', 'to_stage']) }} as stage_transition_id,
        customer_id,
        -- stages
        from_stage,
        from_stage_rank,
        to_stage,
        to_stage_rank,
        to_stage_rank - from_stage_rank - 1 as stages_skipped,
        -- timing
        from_entered_at,
        transitioned_at,
        {{ journey_seconds_between('from_entered_at', 'transitioned_at') }} / 86400.0
            as days_taken,
        -- cause
        caused_by_touchpoint_id,
        caused_by_touchpoint_type,
        caused_by_channel,
        caused_by_intent,
        {{ journey_stage_model() }} as stage_model
    from with_previous
    left join touchpoints
        on entered_touchpoint_id = caused_by_touchpoint_id
    where from_stage is not null

)

select * from final
