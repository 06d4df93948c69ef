{#- HubSpot `company` (Fivetran) as crm_accounts, one row per company row. -#}
with

companies as (

    select * from {{ journey_vendor_relation('hubspot', 'company') }}

),

mapped as (

    select
        id as account_id,
        property_name as account_name,
        property_industry as industry,
        property_numberofemployees as employee_count,
        property_createdate as created_at,
        coalesce(
            nullif(trim(property_hs_lastmodifieddate), ''),
            nullif(trim(_fivetran_synced), ''),
            nullif(trim(property_createdate), '')
        ) as updated_at,
        _source_file,
        _source_row
    from companies

)

select * from mapped
