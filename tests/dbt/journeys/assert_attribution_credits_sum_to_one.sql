-- SPEC §5: the credits of every conversion (from fct_touchpoints) under every model of
-- `journey__attribution_models` sum to 1. A conversion or a model without rows sums to 0 and
-- fails: the expected set never comes from fct_attribution itself.
with

conversions as (

    select touchpoint_id
    from {{ ref('fct_touchpoints') }}
    where is_conversion

),

models as (

    {% for model in var('journey__attribution_models') %}
        select '{{ model }}' as attribution_model
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

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
        conversions.touchpoint_id as conversion_touchpoint_id,
        models.attribution_model,
        coalesce(credit_sums.total_credit, 0) as total_credit
    from conversions
    cross join models
    left join credit_sums
        on
            conversions.touchpoint_id = credit_sums.conversion_touchpoint_id
            and models.attribution_model = credit_sums.attribution_model

)

select * from checked
where abs(total_credit - 1.0) > 1e-9
