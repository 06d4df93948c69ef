{#- HubSpot `contact` (Fivetran) as crm_contacts, one row per contact row. A contact is
    versioned by `property_lastmodifieddate` (the sync time when the export leaves it out);
    `_fivetran_deleted` is the deletion flag. -#}
with

contacts as (

    select * from {{ journey_vendor_relation('hubspot', 'contact') }}

),

mapped as (

    select
        id as contact_id,
        property_email as email,
        property_phone as phone,
        property_firstname as first_name,
        property_lastname as last_name,
        property_associatedcompanyid as account_id,
        property_lifecyclestage as lifecycle_stage,
        property_hs_analytics_source as lead_source,
        property_createdate as created_at,
        coalesce(
            nullif(trim(property_lastmodifieddate), ''),
            nullif(trim(_fivetran_synced), ''),
            nullif(trim(property_createdate), '')
        ) as updated_at,
        _fivetran_deleted as is_deleted,
        _source_file,
        _source_row
    from contacts

)

select * from mapped
