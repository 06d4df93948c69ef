with

{{ journey_import('identifiers', 'int_identifiers_resolved') }}

final as (

    select
        cast(customer_id as {{ dbt.type_string() }}) as customer_id,
        cast(identifier_type as {{ dbt.type_string() }}) as identifier_type,
        cast(identifier_value as {{ dbt.type_string() }}) as identifier_value,
        cast(is_shared as {{ dbt.type_boolean() }}) as is_shared,
        cast(first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at
    from identifiers

)

select * from final
