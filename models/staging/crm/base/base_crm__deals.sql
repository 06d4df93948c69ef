with

source as (

    select * from {{ journey_landing_relation('crm_deals') }}

),

typed as (

    select
        {{ clean_text('deal_id') }} as deal_id,
        {{ clean_text('contact_id') }} as contact_id,
        {{ clean_text('account_id') }} as account_id,
        lower({{ clean_text('deal_stage') }}) as deal_stage,
        {{ journey_typed_column('amount', 'number') }},
        coalesce(
            upper({{ clean_text('currency') }}), '{{ var("journey__default_currency") }}'
        ) as currency,
        {{ journey_typed_column('created_at', 'timestamp') }},
        {{ journey_typed_column('closed_at', 'timestamp') }},
        {{ journey_typed_column('updated_at', 'timestamp') }},
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        {{ journey_quarantine_reason(
            required=['deal_id', 'created_at', 'updated_at'],
            timestamps=['created_at', 'closed_at', 'updated_at'],
            numbers=['amount']
        ) }} as quarantine_reason
    from typed

)

select * from checked
