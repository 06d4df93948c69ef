{#- Zendesk `ticket` (Fivetran) as support_tickets, one row per ticket row. The requester's
    email and `external_id` (the id the customer's own systems give the person, taken as the
    CRM contact_id) come from `user`; `solved_at` is the first time the status field became
    solved or closed (`ticket_field_history`). Channels map through the vendor channel seed. -#}
{{ journey_vendor_imports('zendesk__support_tickets') }}

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

{{ journey_vendor_mapped('zendesk__support_tickets') }}
