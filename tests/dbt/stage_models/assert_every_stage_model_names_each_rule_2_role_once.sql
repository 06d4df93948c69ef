-- Stage rule 2 (SPEC §4) needs, in every stage model, exactly one purchase stage, one
-- post-purchase stage and one pre-purchase fallback stage; rows returned break that.

with

{{ journey_import('stages', 'journey_stages') }}

roles as (

    select 'purchase' as stage_role
    union all
    select 'post_purchase' as stage_role
    union all
    select 'pre_purchase_fallback' as stage_role

),

stage_models as (

    select distinct stage_model from stages

),

role_counts as (

    select
        stage_models.stage_model,
        roles.stage_role,
        count(stages.stage) as stages_with_role
    from stage_models
    cross join roles
    left join stages
        on
            stage_models.stage_model = stages.stage_model
            and roles.stage_role = stages.stage_role
    group by 1, 2

)

select * from role_counts
where stages_with_role != 1
