-- SPEC §5: the credits of every conversion (from fct_touchpoints) under every model of
-- `journey__attribution_models` sum to 1. A conversion or a model without rows sums to 0 and
-- fails: the expected set never comes from fct_attribution itself.
with

checked as (

    {{ journey_attribution_credited() }}

)

select * from checked
where abs(total_credit - 1.0) > 1e-9
