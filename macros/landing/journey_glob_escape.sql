{#- A file path that DuckDB's readers take literally: its readers expand glob patterns, so each
    metacharacter goes into a one-character class (`[` → `[[]`, `*` → `[*]`, `?` → `[?]`,
    `{` → `[{]`). `[` goes first, so the brackets added for the others stay as they are. -#}
{% macro journey_glob_escape(path) -%}
    {{- return(
        path | string
        | replace('[', '[[]')
        | replace('*', '[*]')
        | replace('?', '[?]')
        | replace('{', '[{]')
    ) -}}
{%- endmacro %}
