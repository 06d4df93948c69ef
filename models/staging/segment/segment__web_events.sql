{#- Segment `pages` and `tracks` (warehouse destination) as web_events, one row per row. A
    page is a page_view; a track's name (`event_text`, else `event`) maps through the vendor
    event seed, other names keep their own (lower-cased). -#}
{{ journey_vendor_adapter('segment__web_events') }}
