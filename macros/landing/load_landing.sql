{#-
    Loads every landing table declared in the sources (schema `landing`) from the landing folder
    `var('journey__raw_dir')` into the warehouse, all columns as text plus `_source_file` and
    `_source_row`. Lines the CSV reader cannot parse (wrong column count, broken quoting,
    bytes that are not UTF-8) land in `landing._rejected_lines` with their line number, so
    nothing read is lost. A missing table or required column stops the build with a message
    naming both.
-#}
{% macro load_landing() -%}
    {{ return(adapter.dispatch('load_landing', 'journey_warehouse')()) }}
{%- endmacro %}

{% macro default__load_landing() -%}
    {#- Other warehouses receive the landing schema from their loader (EL tool). -#}
    {{ log("load_landing: " ~ target.type ~ " reads the landing schema as loaded by its EL tool", info=true) }}
{%- endmacro %}

{% macro duckdb__load_landing() -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set raw_dir = var('journey__raw_dir') | string -%}
    {%- set tables = journey_landing_tables() -%}
    {%- if tables | length == 0 -%}{{ return('') }}{%- endif -%}

    {%- set dir_check = run_query(
        "select count(*) from glob('" ~ journey_sql_escape(raw_dir) ~ "/*')"
    ) -%}
    {%- if dir_check.columns[0].values()[0] == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Landing folder '" ~ raw_dir ~ "' (JOURNEY_RAW_DIR) is empty or does not exist."
        ) }}
    {%- endif -%}

    {% do run_query("create schema if not exists landing") %}
    {% do run_query(
        "create or replace table landing._rejected_lines (table_name varchar, source_file varchar,"
        ~ " line_number bigint, error_type varchar, error_message varchar, raw_line varchar)"
    ) %}
    {% do run_query(
        "create or replace table landing._files (table_name varchar, source_file varchar,"
        ~ " file_format varchar, file_bytes bigint, rows_loaded bigint)"
    ) %}

    {%- for table in tables -%}
        {% do journey_load_landing_table(raw_dir, table.name, table.columns) %}
    {%- endfor -%}
{%- endmacro %}


{#- The landing contract: every source table in schema `landing` that the loader itself does
    not write (those start with an underscore), with its declared columns. -#}
{% macro journey_landing_tables() -%}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values() | sort(attribute='identifier') -%}
        {%- if node.schema == 'landing' and not node.identifier.startswith('_') -%}
            {%- do tables.append({
                'name': node.identifier,
                'columns': node.columns.keys() | map('lower') | list
            }) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}


{% macro journey_sql_escape(value) -%}
    {{- return(value | string | replace("'", "''")) -}}
{%- endmacro %}


{% macro journey_load_landing_table(raw_dir, table_name, columns) -%}
    {%- set patterns = journey_landing_patterns(raw_dir, table_name) -%}
    {%- set found = run_query("select file from glob(" ~ patterns ~ ")") -%}
    {%- set files = none if found.rows | length == 0 else run_query(
        "select filename as file, size from read_blob(" ~ patterns ~ ") order by filename"
    ) -%}
    {#- A table a present tool folder feeds (load_vendor_landing) may lack its own file. -#}
    {%- if files is none and not journey_vendor_provides(raw_dir, table_name) -%}
        {{ exceptions.raise_compiler_error(
            "Landing table '" ~ table_name ~ "' not found in '" ~ raw_dir ~ "': expected "
            ~ table_name ~ ".csv, " ~ table_name ~ ".parquet or a folder " ~ table_name
            ~ "/ of such files."
        ) }}
    {%- endif -%}

    {%- set column_defs = [] -%}
    {%- for column in columns -%}
        {%- do column_defs.append('"' ~ column ~ '" varchar') -%}
    {%- endfor -%}
    {% do run_query(
        "create or replace table landing." ~ table_name ~ " (" ~ column_defs | join(', ')
        ~ ", _source_file varchar, _source_row bigint)"
    ) %}

    {%- for row in (files.rows if files is not none else []) -%}
        {%- set file = row[0] -%}
        {%- set file_sql = journey_sql_escape(file) -%}
        {%- set is_csv = file.endswith('.csv') -%}
        {%- if row[1] == 0 -%}
            {#- A zero-byte file is a valid, empty table. -#}
            {% do run_query(
                "insert into landing._files values ('" ~ table_name ~ "', '" ~ file_sql
                ~ "', '" ~ ('csv' if is_csv else 'parquet') ~ "', 0, 0)"
            ) %}
            {% continue %}
        {%- endif -%}

        {%- if is_csv -%}
            {%- set present = journey_csv_header(file_sql) -%}
        {%- else -%}
            {%- set described = run_query("describe select * from read_parquet('" ~ file_sql ~ "')") -%}
            {%- set present = described.columns[0].values() | map('lower') | map('trim') | list -%}
        {%- endif -%}
        {%- set missing = [] -%}
        {%- for column in columns -%}
            {%- if column not in present -%}{%- do missing.append(column) -%}{%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                "Landing table '" ~ table_name ~ "' (" ~ file ~ "): required column"
                ~ ("s " if missing | length > 1 else " ") ~ "'" ~ missing | join("', '")
                ~ "' missing. Columns found: " ~ present | join(', ')
            ) }}
        {%- endif -%}

        {%- if is_csv -%}
            {#- The header fixes the columns, so the reader need not guess the dialect and every
                line that does not fit is rejected with its line number instead of failing. -#}
            {%- set column_spec = [] -%}
            {%- for name in present -%}
                {%- do column_spec.append("'" ~ journey_sql_escape(name) ~ "': 'varchar'") -%}
            {%- endfor -%}
            {%- set reader = "read_csv('" ~ file_sql ~ "', header = true, auto_detect = false,"
                ~ " columns = {" ~ column_spec | join(', ') ~ "}, delim = ',', quote = '\"',"
                ~ " escape = '\"', store_rejects = true,"
                ~ " rejects_table = 'journey_landing_rejects',"
                ~ " rejects_scan = 'journey_landing_scans')" -%}
        {%- else -%}
            {%- set reader = "read_parquet('" ~ file_sql ~ "')" -%}
        {%- endif -%}

        {%- set select_columns = [] -%}
        {%- for column in columns -%}
            {%- do select_columns.append('cast("' ~ column ~ '" as varchar)') -%}
        {%- endfor -%}
        {%- if is_csv -%}
            {% do run_query("drop table if exists journey_landing_rejects") %}
            {% do run_query("drop table if exists journey_landing_scans") %}
        {%- endif -%}
        {% do run_query(
            "insert into landing." ~ table_name ~ " select " ~ select_columns | join(', ')
            ~ ", '" ~ file_sql ~ "', ordinality from " ~ reader ~ " with ordinality"
        ) %}
        {%- if is_csv -%}
            {% do run_query(
                "insert into landing._rejected_lines select '" ~ table_name ~ "', '" ~ file_sql
                ~ "', line, string_agg(distinct error_type, '; ' order by error_type),"
                ~ " min(error_message),"
                ~ " min(csv_line) from journey_landing_rejects group by line"
            ) %}
        {%- endif -%}
        {% do run_query(
            "insert into landing._files select '" ~ table_name ~ "', '" ~ file_sql ~ "', '"
            ~ ('csv' if is_csv else 'parquet') ~ "', " ~ row[1]
            ~ ", count(*) from landing." ~ table_name ~ " where _source_file = '" ~ file_sql ~ "'"
        ) %}
    {%- endfor -%}
{%- endmacro %}


{#- The files that can hold a landing table, as a SQL list of glob patterns:
    <table>.csv, <table>.parquet, or a folder <table>/ of such files. -#}
{% macro journey_landing_patterns(raw_dir, table_name) -%}
    {%- set base = journey_sql_escape(raw_dir) ~ "/" ~ table_name -%}
    {{- return(
        "['" ~ base ~ ".csv', '" ~ base ~ ".parquet', '" ~ base ~ "/*.csv', '" ~ base
        ~ "/*.parquet']"
    ) -}}
{%- endmacro %}


{#- Column names of a CSV file from its first line: lower-cased, trimmed, quotes and a UTF-8
    byte order mark removed. -#}
{% macro journey_csv_header(file_sql) -%}
    {%- set first_line = run_query(
        "select column0 from read_csv('" ~ file_sql ~ "', header = false, auto_detect = false,"
        ~ " columns = {'column0': 'varchar'}, delim = '\x1f', quote = '', escape = '',"
        ~ " strict_mode = false, ignore_errors = true) limit 1"
    ) -%}
    {%- if first_line.rows | length == 0 -%}{{ return([]) }}{%- endif -%}
    {%- set names = [] -%}
    {%- for name in (first_line.rows[0][0] or '').split(',') -%}
        {%- do names.append(name.replace('\ufeff', '').strip().strip('"').strip().lower()) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
