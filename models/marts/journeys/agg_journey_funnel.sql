{#- The funnel by customer: per first-touch month cohort and first-touch channel, customers that
    reached each stage (highest customer stage ≥ the stage) and the step conversion rates. -#}
{{ journey_stage_funnel(
    'customer', 'dim_customers', 'fct_customer_stages',
    segments=[('first_touch_channel', "coalesce(entities.first_touch_channel, 'unknown')")]
) }}
