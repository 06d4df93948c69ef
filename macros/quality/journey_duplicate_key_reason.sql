{#- For tables that hold one row per record (not change feeds): every row after the first with
    the same key (in file and row order) is quarantined as a duplicate. -#}
{% macro journey_duplicate_key_reason(key) -%}
    case
        when {{ key }} is not null
            and row_number() over (
                partition by {{ key }} order by _source_file, _source_row
            ) > 1
            then 'duplicate {{ key }} (first occurrence kept)'
    end
{%- endmacro %}
