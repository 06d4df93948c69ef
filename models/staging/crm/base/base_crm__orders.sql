with

source as (

    select * from {{ source('crm', 'orders') }}

),

typed as (

    select
        {{ clean_text('order_id') }} as order_id,
        {{ clean_text('contact_id') }} as contact_id,
        {{ normalise_email('email') }} as email_normalised,
        {{ journey_typed_column('order_total', 'number') }},
        coalesce(
            upper({{ clean_text('currency') }}), '{{ var("journey__default_currency") }}'
        ) as currency,
        lower({{ clean_text('status') }}) as status,
        {{ journey_typed_column('ordered_at', 'timestamp') }},
        {{ journey_typed_column('updated_at', 'timestamp') }},
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        {{ journey_quarantine_reason(
            required=['order_id', 'ordered_at', 'updated_at'],
            timestamps=['ordered_at', 'updated_at'],
            numbers=['order_total']
        ) }} as quarantine_reason
    from typed

)

select * from checked
