{#- Every row of `journey_attribution_expected(columns)` with what fct_attribution credits it:
    `credited_rows`, `total_credit` and `credited_revenue` (0 where it has no rows), so a
    conversion or a model missing from the table under test shows as 0, never as absent. -#}
{% macro journey_attribution_credited(columns=[]) -%}
    select
        expected.*,
        coalesce(credited.credited_rows, 0) as credited_rows,
        coalesce(credited.total_credit, 0) as total_credit,
        coalesce(credited.credited_revenue, 0) as credited_revenue
    from (
        {{ journey_attribution_expected(columns) }}
    ) as expected
    left join (
        select
            conversion_touchpoint_id,
            attribution_model,
            count(*) as credited_rows,
            sum(credit) as total_credit,
            sum(coalesce(revenue_credit, 0)) as credited_revenue
        from {{ ref('fct_attribution') }}
        group by
            conversion_touchpoint_id,
            attribution_model
    ) as credited
        on
            expected.conversion_touchpoint_id = credited.conversion_touchpoint_id
            and expected.attribution_model = credited.attribution_model
{%- endmacro %}
