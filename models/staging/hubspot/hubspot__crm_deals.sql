{#- HubSpot `deal` (Fivetran) as crm_deals, one row per deal row. The stage is the deal's
    pipeline stage: first the vendor stage seed (by stage id, then by label), then the stage's
    own flags (`closed_won`, `is_closed`), else the label as it is. The contact and the
    company are the smallest associated ids (`deal_contact`, `deal_company`). -#}
{{ journey_vendor_imports('hubspot__crm_deals') }}

first_contacts as (

    select
        deal_id,
        min(contact_id) as contact_id
    from deal_contacts
    group by deal_id

),

first_companies as (

    select
        deal_id,
        min(company_id) as company_id
    from deal_companies
    group by deal_id

),

stage_flags as (

    select
        stage_id,
        min(label) as stage_label,
        bool_or(lower(trim(closed_won)) in ('true', 't', '1')) as is_won,
        bool_or(lower(trim(is_closed)) in ('true', 't', '1')) as is_closed
    from stages
    group by stage_id

),

{{ journey_vendor_mapped('hubspot__crm_deals') }}
