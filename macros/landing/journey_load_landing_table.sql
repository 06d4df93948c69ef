{#- Appends the files of one table (from `journey_landing_arrivals`) to `landing.<table>` as
    batch `batch_id`: every contract column as text plus `_source_file` (the file's path
    relative to the landing folder, as `landing._files` records it) and `_source_row`, one
    file after the other. With `replace` the table is created anew first. CSV lines the
    reader cannot parse go to `landing._rejected_lines` with their line number;
    `landing._files` gets one row per file. Runs inside the load's transaction. -#}
{% macro journey_load_landing_table(table, batch_id, replace) -%}
    {%- set column_defs = [] -%}
    {%- for column in table.columns -%}
        {%- do column_defs.append('"' ~ column ~ '" varchar') -%}
    {%- endfor -%}
    {% do run_query(
        "create " ~ ("or replace " if replace else "") ~ "table "
        ~ ("" if replace else "if not exists ") ~ "landing." ~ table.name ~ " ("
        ~ column_defs | join(', ') ~ ", _source_file varchar, _source_row bigint)"
    ) %}

    {%- for file in table.files -%}
        {%- set file_sql = journey_sql_string(file.relative) -%}
        {%- set read_path = journey_sql_string(journey_glob_escape(file.path)) -%}
        {%- if file.bytes > 0 -%}
            {%- if file.format == 'csv' -%}
                {#- The header fixes the columns (by position, so extra columns need no usable
                    name), so the reader need not guess the dialect and every line that does not
                    fit is rejected with its line number instead of failing. -#}
                {%- set column_spec = [] -%}
                {%- for position in range(file.width) -%}
                    {%- do column_spec.append("'column" ~ position ~ "': 'varchar'") -%}
                {%- endfor -%}
                {%- set reader = "read_csv(" ~ read_path ~ ", header = true, auto_detect = false,"
                    ~ " columns = {" ~ column_spec | join(', ') ~ "}, delim = ',', quote = '\"',"
                    ~ " escape = '\"', compression = '" ~ file.compression ~ "',"
                    ~ " store_rejects = true, rejects_table = 'journey_landing_rejects',"
                    ~ " rejects_scan = 'journey_landing_scans')" -%}
                {% do run_query("drop table if exists journey_landing_rejects") %}
                {% do run_query("drop table if exists journey_landing_scans") %}
            {%- else -%}
                {%- set reader = "read_parquet(" ~ read_path ~ ")" -%}
            {%- endif -%}
            {%- set select_columns = [] -%}
            {%- for column in table.columns -%}
                {%- do select_columns.append('cast(' ~ file.select[column] ~ ' as varchar)') -%}
            {%- endfor -%}
            {% do run_query(
                "insert into landing." ~ table.name ~ " select " ~ select_columns | join(', ')
                ~ ", " ~ file_sql ~ ", ordinality from " ~ reader ~ " with ordinality"
            ) %}
            {%- if file.format == 'csv' -%}
                {% do run_query(
                    "insert into landing._rejected_lines select '" ~ table.name ~ "', "
                    ~ file_sql ~ ", line, string_agg(distinct error_type, '; '"
                    ~ " order by error_type), min(error_message), min(csv_line)"
                    ~ " from journey_landing_rejects group by line"
                ) %}
            {%- endif -%}
        {%- endif -%}
        {% do run_query(
            "insert into landing._files (table_name, source_file, fingerprint, size_bytes,"
            ~ " batch_id, loaded_at, row_count, file_format) select '" ~ table.name ~ "', "
            ~ file_sql ~ ", '" ~ file.fingerprint ~ "', " ~ file.bytes ~ ", " ~ batch_id
            ~ ", timezone('UTC', current_timestamp), count(*), '" ~ file.format
            ~ ("_gzip" if file.compression == 'gzip' else "") ~ "' from landing." ~ table.name
            ~ " where _source_file = " ~ file_sql
        ) %}
    {%- endfor -%}
{%- endmacro %}
