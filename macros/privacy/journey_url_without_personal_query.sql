{#- A URL as dashboards may see it: scheme, host and path, with the query string reduced to its
    utm_* parameters (in their order) and without fragment or user info. Query strings carry
    emails, names and tokens (`?email=…&token=…`); UTM parameters name campaigns only.
    `https://u@shop.io/p?email=a%40b.c&utm_source=news#top` → `https://shop.io/p?utm_source=news`.
    The prefixes kept are the `journey__url_kept_query_prefixes` var. -#}
{% macro journey_url_without_personal_query(expression) -%}
    {{ return(adapter.dispatch('journey_url_without_personal_query', 'journey_warehouse')(expression)) }}
{%- endmacro %}

{% macro journey_url_kept_query_pattern() -%}
    {%- set prefixes = var('journey__url_kept_query_prefixes', ['utm_']) -%}
    {{- return('^(' ~ (prefixes | map('lower') | join('|')) ~ ')') -}}
{%- endmacro %}

{% macro default__journey_url_without_personal_query(expression) -%}
    case when {{ expression }} is not null then
        regexp_replace(
            split_part(split_part({{ expression }}, '#', 1), '?', 1),
            '^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@', '\1'
        )
        || coalesce('?' || nullif(array_to_string(array(
            select parameter
            from unnest(string_to_array(
                split_part(split_part({{ expression }}, '#', 1), '?', 2), '&'
            )) as parameter
            where lower(parameter) ~ '{{ journey_url_kept_query_pattern() }}'
        ), '&'), ''), '')
    end
{%- endmacro %}

{% macro duckdb__journey_url_without_personal_query(expression) -%}
    case when {{ expression }} is not null then
        regexp_replace(
            split_part(split_part({{ expression }}, '#', 1), '?', 1),
            '^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@', '\1'
        )
        || coalesce('?' || nullif(array_to_string(list_filter(
            string_split(split_part(split_part({{ expression }}, '#', 1), '?', 2), '&'),
            lambda parameter: regexp_matches(lower(parameter), '{{ journey_url_kept_query_pattern() }}')
        ), '&'), ''), '')
    end
{%- endmacro %}

{% macro spark__journey_url_without_personal_query(expression) -%}
    case when {{ expression }} is not null then
        regexp_replace(
            split_part(split_part({{ expression }}, '#', 1), '?', 1),
            '^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@', '$1'
        )
        || coalesce(concat('?', nullif(array_join(filter(
            split(split_part(split_part({{ expression }}, '#', 1), '?', 2), '&'),
            parameter -> lower(parameter) rlike '{{ journey_url_kept_query_pattern() }}'
        ), '&'), '')), '')
    end
{%- endmacro %}
