{#- The intent a touchpoint serves (seed `touchpoint_intents`, beside the stage map): the
    type's `first_touch_intent` on the customer's first touchpoint, its `after_purchase_intent`
    strictly after the first purchase (timeline order), else its `intent`. -#}

with

{{ journey_import('touchpoints', 'int_touchpoints_staged') }}
{{ journey_import('intents', 'touchpoint_intents') }}

with_first_purchase as (

    select
        touchpoint_id,
        touchpoint_type,
        touch_sequence,
        min(case when is_purchase then touch_sequence end) over (
            partition by customer_id
        ) as first_purchase_sequence
    from touchpoints

),

final as (

    select
        with_first_purchase.touchpoint_id,
        case
            when
                with_first_purchase.touch_sequence = 1
                and intents.first_touch_intent is not null
                then intents.first_touch_intent
            when
                with_first_purchase.touch_sequence > with_first_purchase.first_purchase_sequence
                and intents.after_purchase_intent is not null
                then intents.after_purchase_intent
            else intents.intent
        end as intent
    from with_first_purchase
    left join intents
        on with_first_purchase.touchpoint_type = intents.touchpoint_type

)

select * from final
