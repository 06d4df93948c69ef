{#- Salesforce `task` and `event` (Fivetran) as crm_activities, one row per row. The person
    is `who_id` (a contact or a lead id, both contact_ids here); the type (`type`, else the
    subtype) maps through the vendor activity seed, other types keep their own name. -#}
{{ journey_vendor_adapter('salesforce__crm_activities') }}
