{#- The attribution rows a correct fct_attribution must cover, from outside the table under
    test (SPEC §5): every conversion of fct_touchpoints under every model of
    `journey__attribution_models`, as `conversion_touchpoint_id`, the `columns` of the
    conversion asked for, and `attribution_model`. -#}
{% macro journey_attribution_expected(columns=[]) -%}
    select
        conversions.touchpoint_id as conversion_touchpoint_id,
        {%- for column in columns %}
        conversions.{{ column }},
        {%- endfor %}
        models.attribution_model
    from {{ ref('fct_touchpoints') }} as conversions
    cross join (
        {%- for model in var('journey__attribution_models') %}
        select '{{ model }}' as attribution_model
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    ) as models
    where conversions.is_conversion
{%- endmacro %}
