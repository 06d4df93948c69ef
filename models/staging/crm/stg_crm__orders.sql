with

{{ journey_current_versions('crm_orders') }}
{{ journey_import('fx_rates', 'fx_rates') }}

final as (

    select
        current_versions.order_id,
        current_versions.contact_id,
        {{ journey_email_columns('current_versions.email_normalised', 'email') }},
        current_versions.order_total,
        current_versions.currency,
        {{ journey_usd_amount('current_versions.order_total', 'fx_rates.usd_rate') }}
            as order_total_usd,
        fx_rates.currency is not null as is_known_currency,
        current_versions.status,
        current_versions.ordered_at,
        current_versions.updated_at,
        -- lineage
        current_versions._source_file,
        current_versions._source_row
    from current_versions
    left join fx_rates
        on current_versions.currency = fx_rates.currency

)

select * from final
