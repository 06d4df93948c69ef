{#- HubSpot `deal` (Fivetran) as crm_deals, one row per deal row. The stage is the deal's
    pipeline stage: first the vendor stage seed (by stage id, then by label), then the stage's
    own flags (`closed_won`, `is_closed`), else the label as it is. The contact and the
    company are the smallest associated ids (`deal_contact`, `deal_company`). -#}
with

deals as (

    select * from {{ journey_vendor_relation('hubspot', 'deal') }}

),

stages as (

    select * from {{ journey_vendor_relation('hubspot', 'deal_pipeline_stage') }}

),

deal_contacts as (

    select * from {{ journey_vendor_relation('hubspot', 'deal_contact') }}

),

deal_companies as (

    select * from {{ journey_vendor_relation('hubspot', 'deal_company') }}

),

stage_map as (

    select * from {{ ref('vendor_deal_stages') }}
    where tool = 'hubspot'

),

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

mapped as (

    select
        deals.deal_id,
        first_contacts.contact_id,
        first_companies.company_id as account_id,
        coalesce(
            by_id.deal_stage,
            by_label.deal_stage,
            case
                when stage_flags.is_won then 'closed_won'
                when stage_flags.is_closed then 'closed_lost'
            end,
            stage_flags.stage_label,
            deals.deal_pipeline_stage_id
        ) as deal_stage,
        deals.property_amount as amount,
        deals.property_deal_currency_code as currency,
        deals.property_createdate as created_at,
        deals.property_closedate as closed_at,
        coalesce(
            nullif(trim(deals.property_hs_lastmodifieddate), ''),
            nullif(trim(deals._fivetran_synced), ''),
            nullif(trim(deals.property_closedate), ''),
            nullif(trim(deals.property_createdate), '')
        ) as updated_at,
        deals._source_file,
        deals._source_row
    from deals
    left join first_contacts
        on deals.deal_id = first_contacts.deal_id
    left join first_companies
        on deals.deal_id = first_companies.deal_id
    left join stage_flags
        on deals.deal_pipeline_stage_id = stage_flags.stage_id
    left join stage_map as by_id
        on lower(trim(deals.deal_pipeline_stage_id)) = by_id.vendor_stage
    left join stage_map as by_label
        on lower(trim(stage_flags.stage_label)) = by_label.vendor_stage

)

select * from mapped
