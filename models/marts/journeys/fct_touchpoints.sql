with

touchpoints as (

    select * from {{ ref('int_touchpoints_staged') }}

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
        is_conversion
    from touchpoints

)

select * from final
