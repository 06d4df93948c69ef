{#- Salesforce `account` (Fivetran) as crm_accounts, one row per account row. -#}
{{ journey_vendor_adapter('salesforce__crm_accounts') }}
