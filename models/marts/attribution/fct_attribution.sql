{%- set models = var('journey__attribution_models') -%}

with

{{ journey_import('conversions', 'int_touchpoints_staged', where='is_conversion') }}
{{ journey_import('weighted', 'int_attribution_touches_weighted') }}

unattributed_conversions as (

    select conversions.*
    from conversions
    left join (
        select distinct conversion_touchpoint_id from weighted
    ) as attributed
        on conversions.touchpoint_id = attributed.conversion_touchpoint_id
    where attributed.conversion_touchpoint_id is null

),

credited as (

    {% for model in models %}
        select
            conversion_touchpoint_id,
            '{{ model }}' as attribution_model,
            touchpoint_id,
            touchpoint_type,
            touchpoint_at,
            channel,
            {{ model }}_credit as credit
        from weighted
        where {{ model }}_credit > 0
        union all
    {% endfor %}
    {% for model in models %}
        select
            touchpoint_id as conversion_touchpoint_id,
            '{{ model }}' as attribution_model,
            cast(null as {{ dbt.type_string() }}) as touchpoint_id,
            cast(null as {{ dbt.type_string() }}) as touchpoint_type,
            cast(null as {{ dbt.type_timestamp() }}) as touchpoint_at,
            'unattributed' as channel,
            1.0 as credit
        from unattributed_conversions
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        {{ journey_surrogate_key([
            'credited.conversion_touchpoint_id',
            'credited.touchpoint_id',
            'credited.attribution_model'
        ]) }} as attribution_id,
        credited.conversion_touchpoint_id,
        conversions.customer_id,
        conversions.touchpoint_type as conversion_type,
        conversions.occurred_at as conversion_at,
        conversions.revenue_usd as conversion_revenue_usd,
        credited.attribution_model,
        credited.touchpoint_id,
        credited.touchpoint_type,
        credited.touchpoint_at,
        credited.channel,
        credited.credit,
        credited.credit * conversions.revenue_usd as revenue_credit
    from credited
    inner join conversions
        on credited.conversion_touchpoint_id = conversions.touchpoint_id

)

select * from final
