{#- Salesforce `account` (Fivetran) as crm_accounts, one row per account row. -#}
with

accounts as (

    select * from {{ journey_vendor_relation('salesforce', 'account') }}

),

mapped as (

    select
        id as account_id,
        name as account_name,
        industry,
        number_of_employees as employee_count,
        created_date as created_at,
        coalesce(
            nullif(trim(system_modstamp), ''),
            nullif(trim(last_modified_date), ''),
            nullif(trim(_fivetran_synced), '')
        ) as updated_at,
        _source_file,
        _source_row
    from accounts

)

select * from mapped
