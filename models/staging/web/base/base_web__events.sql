{#- A table: the two timestamp parses of the largest landing table are done once for staging,
    quarantine and reconciliation alike. -#}
{{ config(materialized='table') }}

{{ journey_base_model('web_events') }}
