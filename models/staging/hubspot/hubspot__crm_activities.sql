{#- HubSpot engagements (`engagement` with its call/email/meeting details) and marketing
    email events (`email_event`) as crm_activities, one row per engagement and per email
    event. Types map through the vendor activity seed (other types keep their own name and
    make no touchpoint). An engagement's contact is its smallest associated contact; an email
    event's contact is the HubSpot contact with the recipient's email (none: the row is
    quarantined for its missing contact_id). -#}
{{ journey_vendor_imports('hubspot__crm_activities') }}

first_contacts as (

    select
        engagement_id,
        min(contact_id) as contact_id
    from engagement_contacts
    group by engagement_id

),

detail_times as (

    select
        engagement_id,
        min(property_hs_timestamp) as occurred_at
    from calls
    group by engagement_id
    union all
    select
        engagement_id,
        min(property_hs_timestamp) as occurred_at
    from emails
    group by engagement_id
    union all
    select
        engagement_id,
        min(coalesce(nullif(trim(property_hs_timestamp), ''), start_time)) as occurred_at
    from meetings
    group by engagement_id

),

engagement_times as (

    select
        engagement_id,
        min(occurred_at) as occurred_at
    from detail_times
    group by engagement_id

),

contacts_by_email as (

    select
        lower(trim(property_email)) as email,
        min(id) as contact_id
    from contacts
    where nullif(trim(property_email), '') is not null
    group by lower(trim(property_email))

),

{{ journey_vendor_mapped('hubspot__crm_activities') }}
