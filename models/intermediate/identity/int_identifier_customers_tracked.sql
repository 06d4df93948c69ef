{#- Rebuilt every run (one row per identifier is cheap) but read against its own previous
    contents first, so the run knows which identifiers changed customer: merged into another
    component or split from one by new identity links. -#}
{%- set previous_relation = load_relation(this) if execute else none %}

with

{{ journey_import('identifiers', 'int_identifiers_resolved') }}

previous as (

    {%- if previous_relation is not none %}
        select
            identifier_type,
            identifier_value,
            customer_id
        from {{ previous_relation }}
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as identifier_type,
            cast(null as {{ dbt.type_string() }}) as identifier_value,
            cast(null as {{ dbt.type_string() }}) as customer_id
        where 1 = 0
    {%- endif %}

),

final as (

    select
        identifiers.identifier_type,
        identifiers.identifier_value,
        identifiers.customer_id,
        previous.customer_id as previous_customer_id,
        coalesce(previous.customer_id <> identifiers.customer_id, false) as is_changed
    from identifiers
    left join previous
        on
            identifiers.identifier_type = previous.identifier_type
            and identifiers.identifier_value = previous.identifier_value

)

select * from final
