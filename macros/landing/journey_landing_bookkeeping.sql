{#- The loaders' bookkeeping tables, created when missing: `landing._rejected_lines` (CSV lines
    the reader cannot parse) and `landing._files` (every file processed, by batch). -#}
{% macro journey_landing_bookkeeping() -%}
    {% do run_query(
        "create table if not exists landing._rejected_lines (table_name varchar,"
        ~ " source_file varchar, line_number bigint, error_type varchar,"
        ~ " error_message varchar, raw_line varchar)"
    ) %}
    {% do run_query(
        "create table if not exists landing._files (table_name varchar, source_file varchar,"
        ~ " fingerprint varchar, size_bytes bigint, batch_id integer, loaded_at timestamp,"
        ~ " row_count bigint, file_format varchar)"
    ) %}
{%- endmacro %}
