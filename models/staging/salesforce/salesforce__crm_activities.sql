{#- Salesforce `task` and `event` (Fivetran) as crm_activities, one row per row. The person
    is `who_id` (a contact or a lead id, both contact_ids here); the type (`type`, else the
    subtype) maps through the vendor activity seed, other types keep their own name. -#}
with

tasks as (

    select * from {{ journey_vendor_relation('salesforce', 'task') }}

),

events as (

    select * from {{ journey_vendor_relation('salesforce', 'event') }}

),

activity_types as (

    select * from {{ ref('vendor_activity_types') }}
    where tool = 'salesforce'

),

task_rows as (

    select
        tasks.id as activity_id,
        tasks.who_id as contact_id,
        coalesce(
            activity_types.activity_type,
            lower(trim(coalesce(nullif(trim(tasks.type), ''), tasks.task_subtype)))
        ) as activity_type,
        coalesce(
            nullif(trim(tasks.activity_date), ''), nullif(trim(tasks.created_date), '')
        ) as occurred_at,
        tasks._source_file,
        tasks._source_row
    from tasks
    left join activity_types
        on
            lower(trim(coalesce(nullif(trim(tasks.type), ''), tasks.task_subtype)))
            = activity_types.vendor_type

),

event_rows as (

    select
        events.id as activity_id,
        events.who_id as contact_id,
        coalesce(
            activity_types.activity_type,
            lower(trim(coalesce(nullif(trim(events.type), ''), events.event_subtype)))
        ) as activity_type,
        coalesce(
            nullif(trim(events.activity_date_time), ''),
            nullif(trim(events.start_date_time), ''),
            nullif(trim(events.created_date), '')
        ) as occurred_at,
        events._source_file,
        events._source_row
    from events
    left join activity_types
        on
            lower(trim(coalesce(nullif(trim(events.type), ''), events.event_subtype)))
            = activity_types.vendor_type

),

unioned as (

    select * from task_rows
    union all
    select * from event_rows

)

select * from unioned
