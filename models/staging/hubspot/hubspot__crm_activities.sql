{#- HubSpot engagements (`engagement` with its call/email/meeting details) and marketing
    email events (`email_event`) as crm_activities, one row per engagement and per email
    event. Types map through the vendor activity seed (other types keep their own name and
    make no touchpoint). An engagement's contact is its smallest associated contact; an email
    event's contact is the HubSpot contact with the recipient's email (none: the row is
    quarantined for its missing contact_id). -#}
with

engagements as (

    select * from {{ journey_vendor_relation('hubspot', 'engagement') }}

),

engagement_contacts as (

    select * from {{ journey_vendor_relation('hubspot', 'engagement_contact') }}

),

calls as (

    select * from {{ journey_vendor_relation('hubspot', 'engagement_call') }}

),

emails as (

    select * from {{ journey_vendor_relation('hubspot', 'engagement_email') }}

),

meetings as (

    select * from {{ journey_vendor_relation('hubspot', 'engagement_meeting') }}

),

email_events as (

    select * from {{ journey_vendor_relation('hubspot', 'email_event') }}

),

contacts as (

    select * from {{ journey_vendor_relation('hubspot', 'contact') }}

),

activity_types as (

    select * from {{ ref('vendor_activity_types') }}
    where tool = 'hubspot'

),

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

engagement_rows as (

    select
        engagements.id as activity_id,
        first_contacts.contact_id,
        coalesce(activity_types.activity_type, lower(trim(engagements.type))) as activity_type,
        coalesce(
            nullif(trim(engagement_times.occurred_at), ''),
            nullif(trim(engagements.property_hs_timestamp), ''),
            nullif(trim(engagements.timestamp), ''),
            nullif(trim(engagements.created_at), ''),
            nullif(trim(engagements.property_hs_createdate), '')
        ) as occurred_at,
        engagements._source_file,
        engagements._source_row
    from engagements
    left join first_contacts
        on engagements.id = first_contacts.engagement_id
    left join engagement_times
        on engagements.id = engagement_times.engagement_id
    left join activity_types
        on lower(trim(engagements.type)) = activity_types.vendor_type

),

email_event_rows as (

    select
        email_events.id as activity_id,
        contacts_by_email.contact_id,
        coalesce(activity_types.activity_type, lower(trim(email_events.type))) as activity_type,
        email_events.created as occurred_at,
        email_events._source_file,
        email_events._source_row
    from email_events
    left join contacts_by_email
        on lower(trim(email_events.recipient)) = contacts_by_email.email
    left join activity_types
        on lower(trim(email_events.type)) = activity_types.vendor_type

),

unioned as (

    select * from engagement_rows
    union all
    select * from email_event_rows

)

select * from unioned
