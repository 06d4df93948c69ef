{#- The stages of the model named by `journey__stage_model` (SPEC §4 by default). An unknown
    model name stops the build with the names the seed knows (checked once the seed is loaded,
    so compiling against an empty warehouse, as the linter does, still works). -#}
{%- set stage_model = var('journey__stage_model') -%}
{%- if execute and load_relation(ref('journey_stages')) is not none -%}
    {%- set known = run_query(
        'select distinct stage_model from ' ~ ref('journey_stages') ~ ' order by 1'
    ).columns[0].values() -%}
    {%- if stage_model not in known -%}
        {{ exceptions.raise_compiler_error(
            "var journey__stage_model = '" ~ stage_model ~ "' is not a stage model of seed "
            ~ "journey_stages (column stage_model); known: " ~ (known | join(', '))
        ) }}
    {%- endif -%}
{%- endif -%}

with

{{ journey_import('stages', 'journey_stages') }}

selected as (

    select
        stage_model,
        stage,
        stage_rank,
        stage_role
    from stages
    where stage_model = '{{ stage_model }}'

)

select * from selected
