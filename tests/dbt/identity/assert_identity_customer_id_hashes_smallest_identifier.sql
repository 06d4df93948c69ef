{#- SPEC §2: customer_id is md5('<type>:<value>') of the customer's smallest identifier
    (contact_id < user_id < email < anonymous_id, then value). -#}
with

{{ journey_import('identifiers', 'int_identifiers_resolved') }}

ranked as (

    select
        customer_id,
        identifier_type,
        identifier_value,
        row_number() over (
            partition by customer_id
            order by
                {{ journey_identifier_type_rank('identifier_type') }},
                identifier_value
        ) as identifier_rank
    from identifiers

),

smallest_identifiers as (

    select
        customer_id,
        {{ dbt.hash(dbt.concat(['identifier_type', "':'", 'identifier_value'])) }}
            as expected_customer_id
    from ranked
    where identifier_rank = 1

),

mismatches as (

    select * from smallest_identifiers
    where customer_id <> expected_customer_id

)

select * from mismatches
