with

{{ journey_current_versions('crm_deals') }}
{{ journey_import('fx_rates', 'fx_rates') }}

final as (

    select
        current_versions.deal_id,
        current_versions.contact_id,
        current_versions.account_id,
        current_versions.deal_stage,
        current_versions.amount,
        current_versions.currency,
        {{ journey_usd_amount('current_versions.amount', 'fx_rates.usd_rate') }} as amount_usd,
        fx_rates.currency is not null as is_known_currency,
        current_versions.created_at,
        current_versions.closed_at,
        current_versions.updated_at,
        -- lineage
        current_versions._source_file,
        current_versions._source_row
    from current_versions
    left join fx_rates
        on current_versions.currency = fx_rates.currency

)

select * from final
