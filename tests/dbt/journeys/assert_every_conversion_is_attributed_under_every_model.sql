-- SPEC §5: every conversion of fct_touchpoints has rows under each attribution model of
-- `journey__attribution_models` (an unattributed row at least), and fct_attribution credits
-- nothing else. The expected set comes from the conversions and the var, never from the table
-- under test: an empty fct_attribution or a missing model fails.
with

expected as (

    {{ journey_attribution_expected() }}

),

attributed as (

    select distinct
        conversion_touchpoint_id,
        attribution_model
    from {{ ref('fct_attribution') }}

),

compared as (

    select
        coalesce(
            expected.conversion_touchpoint_id, attributed.conversion_touchpoint_id
        ) as conversion_touchpoint_id,
        coalesce(expected.attribution_model, attributed.attribution_model) as attribution_model,
        case
            when expected.conversion_touchpoint_id is null
                then 'not a conversion, or not a configured model'
            when attributed.conversion_touchpoint_id is null
                then 'conversion without rows under this model'
        end as problem
    from expected
    full outer join attributed
        on
            expected.conversion_touchpoint_id = attributed.conversion_touchpoint_id
            and expected.attribution_model = attributed.attribution_model

)

select * from compared
where problem is not null
