-- SPEC §7: the reconciliation holds exactly the landing tables of the registry, each once.
with

expected as (

    {% for table in journey_landing_registry() %}
        select '{{ table.name }}' as table_name
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

reconciled as (

    select table_name
    from {{ ref('agg_row_reconciliation') }}

),

missing as (

    select
        expected.table_name,
        'not reconciled' as problem
    from expected
    left join reconciled
        on expected.table_name = reconciled.table_name
    where reconciled.table_name is null

),

unexpected as (

    select
        reconciled.table_name,
        'not a landing table' as problem
    from reconciled
    left join expected
        on reconciled.table_name = expected.table_name
    where expected.table_name is null

)

select * from missing
union all
select * from unexpected
