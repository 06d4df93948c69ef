{#- The buying group of each account: customers with a current CRM contact of the account, and
    customers whose deal names the account (its contact may sit elsewhere). -#}

with

{{ journey_import(
    'identifiers', 'int_identifiers_resolved', where="identifier_type = 'contact_id'"
) }}
{{ journey_import('contacts', 'stg_crm__contacts', where='account_id is not null') }}
{{ journey_import(
    'deals', 'stg_crm__deals', where='account_id is not null and contact_id is not null'
) }}

contact_members as (

    select
        contacts.account_id,
        identifiers.customer_id,
        contacts.contact_id,
        'contact' as membership
    from contacts
    inner join identifiers
        on contacts.contact_id = identifiers.identifier_value

),

deal_members as (

    select
        deals.account_id,
        identifiers.customer_id,
        deals.contact_id,
        'deal' as membership
    from deals
    inner join identifiers
        on deals.contact_id = identifiers.identifier_value

),

unioned as (

    select * from contact_members
    union all
    select * from deal_members

),

final as (

    select
        account_id,
        customer_id,
        min(membership) as membership
    from unioned
    group by account_id, customer_id

)

select * from final
