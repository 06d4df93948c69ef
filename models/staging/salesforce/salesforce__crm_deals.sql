{#- Salesforce `opportunity` and its history (`opportunity_history`: Salesforce's stage
    history, or Fivetran's history-mode copy of the opportunity) as crm_deals versions, one
    row per row; the latest version of a deal wins (SPEC §8). The stage maps through the vendor
    stage seed, then by the `is_won`/`is_closed` flags, else keeps its name. -#}
{%- set version_columns = [
    'contact_id', 'account_id', 'stage_name', 'is_won', 'is_closed', 'amount',
    'currency_iso_code', 'created_date', 'close_date'
] -%}
{#- Per tool table: its deal id and the columns whose first non-blank is updated_at. -#}
{%- set version_sources = [
    ('opportunities', 'id', ['system_modstamp', 'last_modified_date', '_fivetran_synced']),
    ('history', "coalesce(nullif(trim(opportunity_id), ''), id)",
        ['_fivetran_start', 'system_modstamp', 'created_date'])
] -%}
{{ journey_vendor_imports('salesforce__crm_deals') }}

versions as (

    {%- for source_cte, deal_id, updated in version_sources %}
        select
            {{ deal_id }} as deal_id,
            {%- for column in version_columns %}
                {{ column }},
            {%- endfor %}
            {{ journey_first_non_blank(updated) }} as updated_at,
            _source_file,
            _source_row
        from {{ source_cte }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

{{ journey_vendor_mapped('salesforce__crm_deals') }}
