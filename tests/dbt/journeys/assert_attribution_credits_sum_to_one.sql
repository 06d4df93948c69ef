-- SPEC §5: the credits of every conversion (from fct_touchpoints) under every model of
-- `journey__attribution_models` sum to 1. A conversion or a model without rows sums to 0 and
-- fails: the expected set never comes from fct_attribution itself.
with

expected as (

    {{ journey_attribution_expected() }}

),

credit_sums as (

    select
        conversion_touchpoint_id,
        attribution_model,
        sum(credit) as total_credit
    from {{ ref('fct_attribution') }}
    group by
        conversion_touchpoint_id,
        attribution_model

),

checked as (

    select
        expected.conversion_touchpoint_id,
        expected.attribution_model,
        coalesce(credit_sums.total_credit, 0) as total_credit
    from expected
    left join credit_sums
        on
            expected.conversion_touchpoint_id = credit_sums.conversion_touchpoint_id
            and expected.attribution_model = credit_sums.attribution_model

)

select * from checked
where abs(total_credit - 1.0) > 1e-9
