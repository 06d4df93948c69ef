{#- HubSpot `contact` (Fivetran) as crm_contacts, one row per contact row. A contact is
    versioned by `property_lastmodifieddate` (the sync time when the export leaves it out);
    `_fivetran_deleted` is the deletion flag. -#}
{{ journey_vendor_adapter('hubspot__crm_contacts') }}
