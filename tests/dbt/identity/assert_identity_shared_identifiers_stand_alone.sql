{#- SPEC §2: a shared identifier keeps no links and is a customer of its own. -#}
with

{{ journey_import('identifiers', 'int_identifiers_resolved') }}

customer_sizes as (

    select
        customer_id,
        count(*) as identifier_count
    from identifiers
    group by customer_id

),

merged_shared_identifiers as (

    select
        identifiers.identifier_type,
        identifiers.identifier_value,
        identifiers.customer_id,
        customer_sizes.identifier_count
    from identifiers
    inner join customer_sizes
        on identifiers.customer_id = customer_sizes.customer_id
    where identifiers.is_shared
        and customer_sizes.identifier_count > 1

)

select * from merged_shared_identifiers
