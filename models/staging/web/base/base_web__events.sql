{#- A table: the two timestamp parses of the largest landing table are done once for staging,
    quarantine and reconciliation alike. Incremental: a run parses only the rows of the newest
    batch's files and appends them (landing rows are never rewritten). -#}
{{ config(
    materialized=journey_incremental_materialization(),
    incremental_strategy='append',
    full_refresh=journey_full_refresh_config(),
    pre_hook="{{ journey_incremental_reset() }}"
) }}

{#- Late-data bound (days): an event whose event_at lies further than this before its own arrival
    (received_at) is quarantined; none (the default) bounds nothing. -#}
{%- set late_days = var('journey__late_event_days', none) -%}
{%- set extra_reasons = [] -%}
{%- if late_days is not none -%}
    {%- do extra_reasons.append(
        "case when event_at < " ~ dbt.dateadd('day', -(late_days | int), 'received_at')
        ~ " then " ~ dbt.concat([
            "'event older than the late-data bound of " ~ (late_days | int)
            ~ " days before its arrival: '", 'event_at_text'
        ]) ~ " end"
    ) -%}
{%- endif -%}

{{ journey_base_model(
    'web_events',
    source_filter=('_source_file in ' ~ journey_new_files('web_events'))
        if journey_incremental() else none,
    extra_reasons=extra_reasons
) }}
