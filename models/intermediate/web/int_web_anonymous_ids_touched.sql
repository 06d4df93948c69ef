{#- The anonymous_ids whose sessions an incremental run recomputes: every anonymous_id of any
    delivery of an event delivered in the newest batch (a late event reopens or joins sessions;
    a new earliest delivery may move an event to another anonymous_id), every anonymous_id whose
    customer changed, and every anonymous_id with events of a user_id whose customer changed (a
    session belongs to its first user_id's customer). Empty when the run is not incremental. -#}
{%- set incremental_run = journey_incremental_run() %}
{%- set new_files = journey_new_files('web_events') if incremental_run
    else '(select cast(null as ' ~ dbt.type_string() ~ ') as source_file where 1 = 0)' %}

with

{{ journey_import('deliveries', 'base_web__events') }}

new_event_ids as (

    select event_id from deliveries
    where _source_file in {{ new_files }}

),

{{ journey_import(
    'changed_identifiers', 'int_identifier_customers_tracked',
    where='is_changed and ' ~ ('true' if incremental_run else 'false')
) }}

touched as (

    select deliveries.anonymous_id
    from deliveries
    inner join new_event_ids
        on deliveries.event_id = new_event_ids.event_id

    union

    select identifier_value as anonymous_id
    from changed_identifiers
    where identifier_type = 'anonymous_id'

    union

    select events.anonymous_id
    from {{ ref('stg_web__events') }} as events
    inner join changed_identifiers
        on
            changed_identifiers.identifier_type = 'user_id'
            and events.user_id = changed_identifiers.identifier_value

),

final as (

    select distinct anonymous_id from touched
    where anonymous_id is not null

)

select * from final
