-- Per model, the revenue credited to touchpoints adds up to the conversions' revenue.
with

credited as (

    select
        attribution_model,
        sum(revenue_credit) as credited_revenue
    from {{ ref('fct_attribution') }}
    group by attribution_model

),

converted as (

    select coalesce(sum(revenue_usd), 0) as conversion_revenue
    from {{ ref('fct_touchpoints') }}
    where is_conversion

)

select
    credited.attribution_model,
    credited.credited_revenue,
    converted.conversion_revenue
from credited
cross join converted
where
    abs(coalesce(credited.credited_revenue, 0) - converted.conversion_revenue)
    > 1e-9 * greatest(1.0, abs(converted.conversion_revenue))
