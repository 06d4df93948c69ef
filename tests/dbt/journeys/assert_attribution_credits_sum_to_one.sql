-- SPEC §5: the credits of one conversion under one model sum to 1.
select
    conversion_touchpoint_id,
    attribution_model,
    sum(credit) as total_credit
from {{ ref('fct_attribution') }}
group by conversion_touchpoint_id, attribution_model
having abs(sum(credit) - 1.0) > 1e-9
