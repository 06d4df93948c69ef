{#- Account journey: the account enters stage S when the first customer of its buying group
    enters a stage ranked S above every stage the account has reached (monotonic, as for
    customers; ties on time break by rank, then customer). -#}

with

{{ journey_import('members', 'int_account_members_collected') }}
{{ journey_import('customer_stages', 'fct_customer_stages') }}

member_entries as (

    select
        members.account_id,
        customer_stages.customer_id,
        customer_stages.stage,
        customer_stages.stage_rank,
        customer_stages.entered_at,
        customer_stages.entered_touchpoint_id,
        row_number() over (
            partition by members.account_id
            order by
                customer_stages.entered_at asc,
                customer_stages.stage_rank desc,
                customer_stages.customer_id asc
        ) as entry_sequence
    from members
    inner join customer_stages
        on members.customer_id = customer_stages.customer_id

),

with_reached as (

    select
        *,
        {{ journey_rank_reached_before('account_id', 'entry_sequence') }} as reached_rank_before
    from member_entries

),

entries as (

    select * from with_reached
    where stage_rank > coalesce(reached_rank_before, 0)

),

with_exits as (

    select
        *,
        lead(entered_at) over (partition by account_id order by entry_sequence) as exited_at
    from entries

),

final as (

    select
        {{ journey_surrogate_key(['account_id', 'stage']) }} as account_stage_id,
        account_id,
        stage,
        stage_rank,
        {{ journey_stage_stay_columns() }},
        customer_id as entered_by_customer_id,
        entered_touchpoint_id,
        {{ journey_stage_model() }} as stage_model
    from with_exits

)

select * from final
