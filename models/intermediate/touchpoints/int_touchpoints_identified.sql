{#- SPEC §2: a row belongs to the customer of its most specific usable identifier
    (contact_id, then user_id, then email, then anonymous_id). Rows left with none keep a null
    customer_id here and are quarantined downstream. -#}
{%- set identifier_types = ['contact_id', 'user_id', 'email', 'anonymous_id'] -%}

with

{{ journey_import('touchpoints', 'int_touchpoints_unioned') }}
{{ journey_import('identifiers', 'int_identifiers_resolved') }}

final as (

    select
        touchpoints.touchpoint_id,
        coalesce(
            {%- for identifier_type in identifier_types %}
                by_{{ identifier_type }}.customer_id{% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as customer_id,
        touchpoints.occurred_at,
        touchpoints.source_table,
        touchpoints.source_record_id,
        touchpoints.touchpoint_type,
        touchpoints.channel,
        touchpoints.revenue_usd,
        touchpoints.is_conversion,
        touchpoints.nps_score
    from touchpoints
    {%- for identifier_type in identifier_types %}
        left join identifiers as by_{{ identifier_type }}
            on
                by_{{ identifier_type }}.identifier_type = '{{ identifier_type }}'
                and touchpoints.{{ identifier_type }} = by_{{ identifier_type }}.identifier_value
    {%- endfor %}

)

select * from final
