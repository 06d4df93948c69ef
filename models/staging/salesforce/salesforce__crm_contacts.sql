{#- Salesforce `lead` and `contact` (Fivetran) as crm_contacts, one row per row. A converted
    lead carries the id of the contact it became, so the contact's own row supersedes it in
    the change feed; an open lead is a contact under its lead id (tasks and events name leads
    and contacts alike in `who_id`). Leads keep their status as lifecycle_stage. -#}
{{ journey_vendor_adapter('salesforce__crm_contacts') }}
