-- SPEC §5: under every model of `journey__attribution_models`, the revenue credited for a
-- conversion adds up to its revenue in fct_touchpoints. Conversions come from fct_touchpoints,
-- so a conversion or a model missing from fct_attribution fails (unless its revenue is 0).
with

expected as (

    {{ journey_attribution_expected(columns=['revenue_usd']) }}

),

credited as (

    select
        conversion_touchpoint_id,
        attribution_model,
        count(*) as credited_rows,
        sum(coalesce(revenue_credit, 0)) as credited_revenue
    from {{ ref('fct_attribution') }}
    group by
        conversion_touchpoint_id,
        attribution_model

),

checked as (

    select
        expected.conversion_touchpoint_id,
        expected.attribution_model,
        coalesce(expected.revenue_usd, 0) as revenue_usd,
        coalesce(credited.credited_revenue, 0) as credited_revenue,
        coalesce(credited.credited_rows, 0) as credited_rows
    from expected
    left join credited
        on
            expected.conversion_touchpoint_id = credited.conversion_touchpoint_id
            and expected.attribution_model = credited.attribution_model

)

select * from checked
where
    credited_rows = 0
    or abs(credited_revenue - revenue_usd) > 1e-9 * greatest(1.0, abs(revenue_usd))
