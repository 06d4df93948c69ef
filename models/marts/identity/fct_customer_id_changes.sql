{#- A change log: every run appends the customer_id changes it caused, and keeps the history
    through full refreshes (`full_refresh=false`), since a rebuild cannot know earlier ids. -#}
{{ config(
    materialized=journey_incremental_materialization(),
    incremental_strategy='append',
    on_schema_change='append_new_columns',
    full_refresh=false
) }}

with

{{ journey_import('tracked', 'int_identifier_customers_tracked') }}

changed as (

    select * from tracked
    where is_changed

),

changes as (

    select
        previous_customer_id as old_customer_id,
        customer_id as new_customer_id,
        count(*) as identifiers_moved
    from changed
    group by previous_customer_id, customer_id

),

links as (

    select
        collected.source_table,
        collected.source_record_id,
        collected.from_identifier_type,
        collected.from_identifier_value,
        collected.to_identifier_type,
        collected.to_identifier_value
    from {{ ref('int_identity_edges_collected') }} as collected
    inner join {{ ref('int_identity_edges_screened') }} as screened
        on
            collected.from_identifier_type = screened.from_identifier_type
            and collected.from_identifier_value = screened.from_identifier_value
            and collected.to_identifier_type = screened.to_identifier_type
            and collected.to_identifier_value = screened.to_identifier_value

),

causing_links as (

    -- A link caused old → new when it joins an identifier that was in the old customer to one
    -- that was not (another customer, or new), both now in the new customer.

    select
        changes.old_customer_id,
        changes.new_customer_id,
        links.source_table,
        links.source_record_id,
        links.from_identifier_type,
        links.from_identifier_value,
        links.to_identifier_type,
        links.to_identifier_value
    from changes
    inner join tracked as from_identifiers
        on changes.new_customer_id = from_identifiers.customer_id
    inner join links
        on
            from_identifiers.identifier_type = links.from_identifier_type
            and from_identifiers.identifier_value = links.from_identifier_value
    inner join tracked as to_identifiers
        on
            links.to_identifier_type = to_identifiers.identifier_type
            and links.to_identifier_value = to_identifiers.identifier_value
    where
        (
            from_identifiers.previous_customer_id = changes.old_customer_id
            and coalesce(to_identifiers.previous_customer_id <> changes.old_customer_id, true)
        )
        or (
            to_identifiers.previous_customer_id = changes.old_customer_id
            and coalesce(from_identifiers.previous_customer_id <> changes.old_customer_id, true)
        )

),

first_causing_links as (

    {{ journey_first_row_per(
        'causing_links',
        'old_customer_id, new_customer_id',
        'source_table, source_record_id, from_identifier_type, from_identifier_value,'
        ~ ' to_identifier_type, to_identifier_value'
    ) }}

),

final as (

    select
        {{ journey_surrogate_key(["'" ~ invocation_id ~ "'", 'changes.old_customer_id',
            'changes.new_customer_id']) }} as change_id,
        cast('{{ invocation_id }}' as {{ dbt.type_string() }}) as run_id,
        {%- if journey_batches_tracked() %}
            cast((select max(batch_id) from {{ source('landing', 'files') }})
                as {{ dbt.type_bigint() }}) as batch_id,
        {%- else %}
            cast(null as {{ dbt.type_bigint() }}) as batch_id,
        {%- endif %}
        cast({{ dbt.current_timestamp() }} as {{ dbt.type_timestamp() }}) as changed_at,
        cast(changes.old_customer_id as {{ dbt.type_string() }}) as old_customer_id,
        cast(changes.new_customer_id as {{ dbt.type_string() }}) as new_customer_id,
        cast(changes.identifiers_moved as {{ dbt.type_bigint() }}) as identifiers_moved,
        cast(
            case when first_causing_links.source_table is null then 'split' else 'merge' end
            as {{ dbt.type_string() }}
        ) as change_type,
        cast(first_causing_links.source_table as {{ dbt.type_string() }}) as cause_source_table,
        cast(first_causing_links.source_record_id as {{ dbt.type_string() }})
            as cause_source_record_id,
        cast(first_causing_links.from_identifier_type as {{ dbt.type_string() }})
            as cause_from_identifier_type,
        cast(first_causing_links.from_identifier_value as {{ dbt.type_string() }})
            as cause_from_identifier_value,
        cast(first_causing_links.to_identifier_type as {{ dbt.type_string() }})
            as cause_to_identifier_type,
        cast(first_causing_links.to_identifier_value as {{ dbt.type_string() }})
            as cause_to_identifier_value
    from changes
    left join first_causing_links
        on
            changes.old_customer_id = first_causing_links.old_customer_id
            and changes.new_customer_id = first_causing_links.new_customer_id

)

select * from final
