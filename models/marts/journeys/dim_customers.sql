with

{{ journey_import('identifiers', 'int_identifiers_resolved') }}
{{ journey_import('touchpoints', 'int_touchpoints_staged') }}
{{ journey_import('current_stages', 'fct_customer_stages', where='is_current') }}
{{ journey_import('contacts', 'stg_crm__contacts') }}

customer_contacts as (

    select
        identifiers.customer_id,
        contacts.contact_id,
        contacts.email,
        row_number() over (
            partition by identifiers.customer_id
            order by contacts.created_at, contacts.contact_id
        ) as contact_rank
    from identifiers
    inner join contacts
        on
            identifiers.identifier_type = 'contact_id'
            and identifiers.identifier_value = contacts.contact_id

),

email_identifiers as (

    select
        customer_id,
        first_seen_at,
        identifier_value as email
    from identifiers
    where identifier_type = 'email'

),

usable_contact_emails as (

    select
        customer_contacts.customer_id,
        customer_contacts.contact_rank,
        customer_contacts.email
    from customer_contacts
    inner join email_identifiers
        on customer_contacts.email = email_identifiers.email

),

contact_emails as (

    {{ journey_first_row_per('usable_contact_emails', 'customer_id', 'contact_rank') }}

),

earliest_emails as (

    {{ journey_first_row_per('email_identifiers', 'customer_id', 'first_seen_at, email') }}

),

customer_identifiers as (

    select
        customer_id,
        count(*) as identifier_count,
        count(
            case when identifier_type <> 'anonymous_id' then identifier_value end
        ) as person_identifier_count,
        {{ dbt.listagg(
            "case when identifier_type = 'contact_id' then identifier_value end",
            "', '",
            "order by identifier_value"
        ) }} as contact_ids
    from identifiers
    group by customer_id

),

touch_summary as (

    select
        customer_id,
        min(case when is_purchase then occurred_at end) as first_purchase_at,
        cast(sum(case when touchpoint_type = 'order' then 1 else 0 end) as {{ dbt.type_bigint() }})
            as orders,
        coalesce(
            {{ journey_exact_sum('case when is_conversion then revenue_usd end') }}, 0
        ) as lifetime_revenue_usd,
        cast(
            sum(case when touchpoint_type = 'ticket_opened' then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as tickets
    from touchpoints
    group by customer_id

),

first_touches as (

    select
        customer_id,
        occurred_at as first_touch_at,
        channel as first_touch_channel
    from touchpoints
    where touch_sequence = 1

),

nps_responses as (

    select
        customer_id,
        touch_sequence,
        nps_score as latest_nps_score,
        occurred_at as latest_nps_at
    from touchpoints
    where touchpoint_type = 'nps_response'

),

latest_nps as (

    {{ journey_first_row_per('nps_responses', 'customer_id', 'touch_sequence desc') }}

),

primary_emails as (

    select
        customer_identifiers.customer_id,
        coalesce(contact_emails.email, earliest_emails.email) as primary_email
    from customer_identifiers
    left join contact_emails
        on customer_identifiers.customer_id = contact_emails.customer_id
    left join earliest_emails
        on customer_identifiers.customer_id = earliest_emails.customer_id

),

final as (

    select
        customer_identifiers.customer_id,
        primary_emails.primary_email,
        -- safe forms of the email for the dashboard tier
        {{ journey_email_domain('primary_emails.primary_email') }} as primary_email_domain,
        {{ journey_keyed_hash('primary_emails.primary_email') }} as primary_email_hash,
        primary_contacts.contact_id as primary_contact_id,
        customer_identifiers.contact_ids,
        customer_identifiers.identifier_count,
        customer_identifiers.person_identifier_count,
        first_touches.first_touch_at,
        first_touches.first_touch_channel,
        touch_summary.first_purchase_at,
        current_stages.stage as current_stage,
        current_stages.stage_rank as current_stage_rank,
        {{ journey_stage_model() }} as stage_model,
        coalesce(touch_summary.orders, 0) as orders,
        coalesce(touch_summary.lifetime_revenue_usd, 0) as lifetime_revenue_usd,
        coalesce(touch_summary.tickets, 0) as tickets,
        latest_nps.latest_nps_score,
        latest_nps.latest_nps_at
    from customer_identifiers
    left join primary_emails
        on customer_identifiers.customer_id = primary_emails.customer_id
    left join customer_contacts as primary_contacts
        on
            customer_identifiers.customer_id = primary_contacts.customer_id
            and primary_contacts.contact_rank = 1
    left join first_touches
        on customer_identifiers.customer_id = first_touches.customer_id
    left join touch_summary
        on customer_identifiers.customer_id = touch_summary.customer_id
    left join current_stages
        on customer_identifiers.customer_id = current_stages.customer_id
    left join latest_nps
        on customer_identifiers.customer_id = latest_nps.customer_id

)

select * from final
