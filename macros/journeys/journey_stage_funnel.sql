{#- The stage funnel of one kind of entity (customers, accounts): per first-touch month cohort
    (and the `segments` given), the entities that reached each stage of the selected model
    (highest stage rank ≥ the stage's), the step conversion rate from the stage before (from
    the cohort for the first stage), and the median days from first touch to entering it.
    `entity` names the key (`<entity>_id`) and the count columns (`cohort_<entity>s`,
    `<entity>s_reached`); `segments` are (column, expression over `entities`) pairs. -#}
{% macro journey_stage_funnel(entity, entities_model, entity_stages_model, segments=[]) -%}
    {%- set key = entity ~ '_id' -%}
    {%- set cohort_count = 'cohort_' ~ entity ~ 's' -%}
    {%- set reached = entity ~ 's_reached' -%}
    {%- set segment_columns = segments | map(attribute=0) | list -%}
    {%- set grouped = range(1, 4 + segment_columns | length) | join(', ') -%}
with

{{ journey_import('entities', entities_model, where='first_touch_at is not null') }}
{{ journey_import('entity_stages', entity_stages_model) }}
{{ journey_import('stages', 'int_journey_stages_selected') }}

cohorts as (

    select
        entities.{{ key }},
        entities.first_touch_at,
        cast({{ dbt.date_trunc('month', 'entities.first_touch_at') }} as date) as cohort_month,
        {%- for column, expression in segments %}
        {{ expression }} as {{ column }},
        {%- endfor %}
        coalesce(max(entity_stages.stage_rank), 0) as highest_stage_rank
    from entities
    left join entity_stages
        on entities.{{ key }} = entity_stages.{{ key }}
    group by {{ grouped }}

),

cohort_stages as (

    select
        cohorts.cohort_month,
        {%- for column in segment_columns %}
        cohorts.{{ column }},
        {%- endfor %}
        stages.stage,
        stages.stage_rank,
        count(*) as {{ cohort_count }},
        cast(
            sum(case when cohorts.highest_stage_rank >= stages.stage_rank then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as {{ reached }},
        {{ journey_median(
            journey_seconds_between('cohorts.first_touch_at', 'entity_stages.entered_at')
            ~ ' / 86400.0'
        ) }} as median_days_to_stage
    from cohorts
    cross join stages
    left join entity_stages
        on
            cohorts.{{ key }} = entity_stages.{{ key }}
            and stages.stage = entity_stages.stage
    group by {{ grouped }}

),

final as (

    select
        cohort_month,
        {%- for column in segment_columns %}
        {{ column }},
        {%- endfor %}
        stage,
        stage_rank,
        {{ cohort_count }},
        {{ reached }},
        cast({{ reached }} as {{ journey_type_double() }}) / nullif(
            lag({{ reached }}, 1, {{ cohort_count }}) over (
                partition by {{ (['cohort_month'] + segment_columns) | join(', ') }}
                order by stage_rank
            ),
            0
        ) as step_conversion_rate,
        median_days_to_stage,
        {{ journey_stage_model() }} as stage_model
    from cohort_stages

)

select * from final
{%- endmacro %}
