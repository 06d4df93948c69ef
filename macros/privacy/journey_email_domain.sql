{#- The domain of a normalised email (`jane@shop.io` → `shop.io`); null without one. A domain
    names a company (or a mail provider), not a person. -#}
{% macro journey_email_domain(expression) -%}
    nullif({{ dbt.split_part(expression, "'@'", 2) }}, '')
{%- endmacro %}
