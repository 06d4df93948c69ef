{#- Zendesk `ticket` (Fivetran) as support_tickets, one row per ticket row. The requester's
    email and `external_id` (the id the customer's own systems give the person, taken as the
    CRM contact_id) come from `user`; `solved_at` is the first time the status field became
    solved or closed (`ticket_field_history`). Channels map through the vendor channel seed. -#}
with

tickets as (

    select * from {{ journey_vendor_relation('zendesk', 'ticket') }}

),

users as (

    select * from {{ journey_vendor_relation('zendesk', 'user') }}

),

field_history as (

    select * from {{ journey_vendor_relation('zendesk', 'ticket_field_history') }}

),

channels as (

    select * from {{ ref('vendor_ticket_channels') }}
    where tool = 'zendesk'

),

requesters as (

    select
        id as user_id,
        min(email) as email,
        min(nullif(trim(external_id), '')) as external_id
    from users
    group by id

),

solved as (

    select
        ticket_id,
        min(updated) as solved_at
    from field_history
    where
        lower(trim(field_name)) = 'status'
        and lower(trim(value)) in ('solved', 'closed')
    group by ticket_id

),

mapped as (

    select
        tickets.id as ticket_id,
        requesters.email as requester_email,
        requesters.external_id as contact_id,
        coalesce(channels.channel, lower(trim(tickets.via_channel))) as channel,
        tickets.subject,
        tickets.type as category,
        tickets.priority,
        tickets.status,
        cast(null as {{ dbt.type_string() }}) as satisfaction_rating,
        tickets.created_at,
        cast(null as {{ dbt.type_string() }}) as first_response_at,
        solved.solved_at,
        coalesce(
            nullif(trim(tickets.updated_at), ''),
            nullif(trim(tickets._fivetran_synced), ''),
            nullif(trim(tickets.created_at), '')
        ) as updated_at,
        tickets._source_file,
        tickets._source_row
    from tickets
    left join requesters
        on tickets.requester_id = requesters.user_id
    left join solved
        on tickets.id = solved.ticket_id
    left join channels
        on lower(trim(tickets.via_channel)) = channels.vendor_channel

)

select * from mapped
