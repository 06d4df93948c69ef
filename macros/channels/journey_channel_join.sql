{#- Join condition between rows and the output of `journey_assign_channel` (null-safe on the
    three inputs; staging turns empty text into null, so '' never collides with null). -#}
{% macro journey_channel_join(rows, channels) -%}
    coalesce({{ rows }}.utm_medium, '') = coalesce({{ channels }}.utm_medium, '')
    and coalesce({{ rows }}.utm_source, '') = coalesce({{ channels }}.utm_source, '')
    and coalesce({{ rows }}.referrer, '') = coalesce({{ channels }}.referrer, '')
{%- endmacro %}
