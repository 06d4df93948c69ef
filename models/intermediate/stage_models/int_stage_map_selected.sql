{#- The stage map rules of the model named by `journey__stage_model`. -#}

with

{{ journey_import('stage_map', 'stage_map') }}

selected as (

    select
        stage_model,
        touchpoint_type,
        source_table,
        rule_order,
        min_score,
        max_score,
        stage,
        first_touch_stage
    from stage_map
    where stage_model = '{{ var("journey__stage_model") }}'

)

select * from selected
