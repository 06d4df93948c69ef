{#- Salesforce `opportunity` and its history (`opportunity_history`: Salesforce's stage
    history, or Fivetran's history-mode copy of the opportunity) as crm_deals versions, one
    row per row; the latest version of a deal wins (SPEC §8). The stage maps through the vendor
    stage seed, then by the `is_won`/`is_closed` flags, else keeps its name. -#}
with

opportunities as (

    select * from {{ journey_vendor_relation('salesforce', 'opportunity') }}

),

history as (

    select * from {{ journey_vendor_relation('salesforce', 'opportunity_history') }}

),

stage_map as (

    select * from {{ ref('vendor_deal_stages') }}
    where tool = 'salesforce'

),

versions as (

    select
        id as deal_id,
        contact_id,
        account_id,
        stage_name,
        is_won,
        is_closed,
        amount,
        currency_iso_code,
        created_date,
        close_date,
        coalesce(
            nullif(trim(system_modstamp), ''),
            nullif(trim(last_modified_date), ''),
            nullif(trim(_fivetran_synced), '')
        ) as updated_at,
        _source_file,
        _source_row
    from opportunities
    union all
    select
        coalesce(nullif(trim(opportunity_id), ''), id) as deal_id,
        contact_id,
        account_id,
        stage_name,
        is_won,
        is_closed,
        amount,
        currency_iso_code,
        created_date,
        close_date,
        coalesce(
            nullif(trim(_fivetran_start), ''),
            nullif(trim(system_modstamp), ''),
            nullif(trim(created_date), '')
        ) as updated_at,
        _source_file,
        _source_row
    from history

),

mapped as (

    select
        versions.deal_id,
        versions.contact_id,
        versions.account_id,
        coalesce(
            stage_map.deal_stage,
            case
                when lower(trim(versions.is_won)) in ('true', 't', '1') then 'closed_won'
                when lower(trim(versions.is_closed)) in ('true', 't', '1') then 'closed_lost'
            end,
            versions.stage_name
        ) as deal_stage,
        versions.amount,
        versions.currency_iso_code as currency,
        versions.created_date as created_at,
        case
            when lower(trim(versions.is_closed)) in ('true', 't', '1') then versions.close_date
        end as closed_at,
        versions.updated_at,
        versions._source_file,
        versions._source_row
    from versions
    left join stage_map
        on lower(trim(versions.stage_name)) = stage_map.vendor_stage

)

select * from mapped
