{#- The landing suffix a file name ends with (`.csv`, `.csv.gz`, `.parquet` from
    `journey_landing_suffixes()`, matched case-insensitively), lower-cased; none otherwise. -#}
{% macro journey_landing_suffix(file_name) -%}
    {%- set lowered = file_name | lower -%}
    {%- for suffix in journey_landing_suffixes() if lowered.endswith(suffix) -%}
        {{ return(suffix) }}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}
