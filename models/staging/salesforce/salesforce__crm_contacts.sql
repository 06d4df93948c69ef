{#- Salesforce `lead` and `contact` (Fivetran) as crm_contacts, one row per row. A converted
    lead carries the id of the contact it became, so the contact's own row supersedes it in
    the change feed; an open lead is a contact under its lead id (tasks and events name leads
    and contacts alike in `who_id`). Leads keep their status as lifecycle_stage. -#}
with

leads as (

    select * from {{ journey_vendor_relation('salesforce', 'lead') }}

),

contacts as (

    select * from {{ journey_vendor_relation('salesforce', 'contact') }}

),

lead_rows as (

    select
        coalesce(nullif(trim(converted_contact_id), ''), id) as contact_id,
        email,
        phone,
        first_name,
        last_name,
        converted_account_id as account_id,
        status as lifecycle_stage,
        lead_source,
        created_date as created_at,
        coalesce(
            nullif(trim(system_modstamp), ''),
            nullif(trim(last_modified_date), ''),
            nullif(trim(_fivetran_synced), '')
        ) as updated_at,
        is_deleted,
        _source_file,
        _source_row
    from leads

),

contact_rows as (

    select
        id as contact_id,
        email,
        phone,
        first_name,
        last_name,
        account_id,
        cast(null as {{ dbt.type_string() }}) as lifecycle_stage,
        lead_source,
        created_date as created_at,
        coalesce(
            nullif(trim(system_modstamp), ''),
            nullif(trim(last_modified_date), ''),
            nullif(trim(_fivetran_synced), '')
        ) as updated_at,
        is_deleted,
        _source_file,
        _source_row
    from contacts

),

unioned as (

    select * from lead_rows
    union all
    select * from contact_rows

)

select * from unioned
