{#- Per stage of the selected model: how long customers took to leave it, and the stall
    threshold. `journey__stall_threshold_days` when set, else the `journey__stall_percentile`
    (0.9) of the days of those who left. The top stage ends a journey: it has no threshold. -#}
{%- set fixed_days = var('journey__stall_threshold_days') -%}

with

{{ journey_import('stages', 'int_journey_stages_selected') }}
{{ journey_import('customer_stages', 'fct_customer_stages') }}

exits as (

    select
        stage,
        count(*) as customers_exited,
        {{ journey_percentile('days_in_stage', var('journey__stall_percentile')) }}
            as percentile_days_to_exit
    from customer_stages
    where not is_current
    group by stage

),

final as (

    select
        stages.stage,
        stages.stage_rank,
        stages.stage_rank = max(stages.stage_rank) over () as is_final_stage,
        coalesce(exits.customers_exited, 0) as customers_exited,
        exits.percentile_days_to_exit,
        case
            when stages.stage_rank = max(stages.stage_rank) over () then null
            {%- if fixed_days is not none %}
                else cast({{ fixed_days }} as {{ journey_type_double() }})
            {%- else %}
                else exits.percentile_days_to_exit
            {%- endif %}
        end as stall_threshold_days
    from stages
    left join exits
        on stages.stage = exits.stage

)

select * from final
