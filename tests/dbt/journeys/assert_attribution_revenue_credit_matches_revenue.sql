-- SPEC §5: under every model of `journey__attribution_models`, the revenue credited for a
-- conversion adds up to its revenue in fct_touchpoints. Conversions come from fct_touchpoints,
-- so a conversion or a model missing from fct_attribution fails (unless its revenue is 0).
with

checked as (

    {{ journey_attribution_credited(columns=['revenue_usd']) }}

)

select * from checked
where
    credited_rows = 0
    or abs(credited_revenue - coalesce(revenue_usd, 0))
    > 1e-9 * greatest(1.0, abs(coalesce(revenue_usd, 0)))
