{#- md5 over the fields joined by '|', nulls spelled as an empty marker so (null, 'a') and
    ('', 'a') still differ. Portable: built on dbt.hash and dbt.concat. -#}
{% macro journey_surrogate_key(fields) -%}
    {%- set parts = [] -%}
    {%- for field in fields -%}
        {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '_null_')") -%}
        {%- if not loop.last -%}{%- do parts.append("'|'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
