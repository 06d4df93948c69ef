{#- Segment `identifies` as web_identifies, one row per identify call. -#}
{{ journey_vendor_adapter('segment__web_identifies') }}
