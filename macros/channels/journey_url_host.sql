{#- The lower-cased host of a URL (`https://www.Shop.io:443/x?y` → `www.shop.io`; a value
    without a scheme is read as `host/path`); null when there is none. -#}
{% macro journey_url_host(expression) -%}
    {{ return(adapter.dispatch('journey_url_host', 'journey_warehouse')(expression)) }}
{%- endmacro %}

{% macro default__journey_url_host(expression) -%}
    nullif(substring(
        lower(trim({{ expression }}))
        from '^(?:(?:[a-z][a-z0-9+.-]*:)?//)?(?:[^/?#@]*@)?([^/?#:]+)'
    ), '')
{%- endmacro %}

{% macro duckdb__journey_url_host(expression) -%}
    nullif(regexp_extract(
        lower(trim({{ expression }})),
        '^(?:(?:[a-z][a-z0-9+.-]*:)?//)?(?:[^/?#@]*@)?([^/?#:]+)',
        1
    ), '')
{%- endmacro %}

{% macro spark__journey_url_host(expression) -%}
    nullif(regexp_extract(
        lower(trim({{ expression }})),
        '^(?:(?:[a-z][a-z0-9+.-]*:)?//)?(?:[^/?#@]*@)?([^/?#:]+)',
        1
    ), '')
{%- endmacro %}
