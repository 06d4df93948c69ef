-- Every conversion has rows under each of the five models (an unattributed row at least).
with

conversions as (

    select touchpoint_id
    from {{ ref('fct_touchpoints') }}
    where is_conversion

),

models as (

    select distinct attribution_model
    from {{ ref('fct_attribution') }}

),

expected as (

    select
        conversions.touchpoint_id,
        models.attribution_model
    from conversions
    cross join models

)

select expected.*
from expected
left join {{ ref('fct_attribution') }} as attribution
    on
        expected.touchpoint_id = attribution.conversion_touchpoint_id
        and expected.attribution_model = attribution.attribution_model
where attribution.attribution_id is null
