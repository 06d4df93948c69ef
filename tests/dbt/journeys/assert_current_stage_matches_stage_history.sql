-- dim_customers.current_stage is the stage of the customer's current stage row, and null for
-- customers without stage rows.
select customers.customer_id
from {{ ref('dim_customers') }} as customers
left join {{ ref('fct_customer_stages') }} as stages
    on
        customers.customer_id = stages.customer_id
        and stages.is_current
where
    coalesce(customers.current_stage, '-') != coalesce(stages.stage, '-')
