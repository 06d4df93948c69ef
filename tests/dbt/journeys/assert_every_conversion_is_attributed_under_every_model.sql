-- SPEC §5: every conversion of fct_touchpoints has rows under each attribution model of
-- `journey__attribution_models` (an unattributed row at least), and fct_attribution credits
-- nothing else. The expected set comes from the conversions and the var, never from the table
-- under test: an empty fct_attribution or a missing model fails.
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

expected as (

    select
        conversions.touchpoint_id as conversion_touchpoint_id,
        models.attribution_model
    from conversions
    cross join models

),

attributed as (

    select distinct
        conversion_touchpoint_id,
        attribution_model
    from {{ ref('fct_attribution') }}

),

missing as (

    select
        expected.conversion_touchpoint_id,
        expected.attribution_model,
        'conversion without rows under this model' as problem
    from expected
    left join attributed
        on
            expected.conversion_touchpoint_id = attributed.conversion_touchpoint_id
            and expected.attribution_model = attributed.attribution_model
    where attributed.conversion_touchpoint_id is null

),

unexpected as (

    select
        attributed.conversion_touchpoint_id,
        attributed.attribution_model,
        'not a conversion, or not a configured model' as problem
    from attributed
    left join expected
        on
            attributed.conversion_touchpoint_id = expected.conversion_touchpoint_id
            and attributed.attribution_model = expected.attribution_model
    where expected.conversion_touchpoint_id is null

)

select * from missing
union all
select * from unexpected
