with

source as (

    select * from {{ journey_landing_relation('crm_accounts') }}

),

typed as (

    select
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('account_name') }} as account_name,
        lower({{ clean_text('industry') }}) as industry,
        {{ journey_typed_column('employee_count', 'number') }},
        {{ journey_typed_column('created_at', 'timestamp') }},
        {{ journey_typed_column('updated_at', 'timestamp') }},
        _source_file,
        _source_row
    from source

),

checked as (

    select
        *,
        {{ journey_quarantine_reason(
            required=['account_id', 'updated_at'],
            timestamps=['created_at', 'updated_at'],
            numbers=['employee_count']
        ) }} as quarantine_reason
    from typed

)

select * from checked
