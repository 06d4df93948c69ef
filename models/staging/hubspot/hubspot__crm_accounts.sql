{#- HubSpot `company` (Fivetran) as crm_accounts, one row per company row. -#}
{{ journey_vendor_adapter('hubspot__crm_accounts') }}
