{#-
    Second on-run-start hook: reads the tool folders of the landing folder (`<landing>/<tool>/`,
    see `journey_vendor_tables()`) into `landing.<tool>__<table>`, the columns the adapters use
    as text plus `_source_file` and `_source_row`, rejected CSV lines into
    `landing._rejected_lines` as the main loader does. A tool table is read from
    `<table>.csv|.parquet`, `<table>_data.csv|.parquet` (the name Fivetran's package seeds use;
    Salesforce's also start with `sf_`) or a folder `<table>/` of such files. An absent tool
    table becomes an empty table, so the adapters always build and simply produce no rows.
-#}
{% macro load_vendor_landing() -%}
    {{ return(adapter.dispatch('load_vendor_landing', 'journey_warehouse')()) }}
{%- endmacro %}

{% macro default__load_vendor_landing() -%}
    {{ log("load_vendor_landing: " ~ target.type ~ " reads tool tables as loaded by its EL tool", info=true) }}
{%- endmacro %}

{% macro duckdb__load_vendor_landing() -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set raw_dir = var('journey__raw_dir') | string -%}
    {% do run_query("create schema if not exists landing") %}
    {#- Also when run on its own (`dbt run-operation load_vendor_landing`). -#}
    {% do journey_landing_bookkeeping() %}
    {%- for vendor_table in journey_vendor_tables() -%}
        {% do journey_load_vendor_table(raw_dir, vendor_table) %}
    {%- endfor -%}
{%- endmacro %}


{#- The glob patterns that can hold one tool table, one list per accepted name. -#}
{% macro journey_vendor_file_patterns(raw_dir, vendor_table) -%}
    {%- set folder = journey_vendor_sql_text(raw_dir) ~ "/" ~ vendor_table.tool ~ "/" -%}
    {%- set prefixes = ['', 'sf_'] if vendor_table.tool == 'salesforce' else [''] -%}
    {%- set names = [] -%}
    {%- for prefix in prefixes -%}
        {%- for suffix in ['', '_data'] -%}
            {%- do names.append(prefix ~ vendor_table.table ~ suffix) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set patterns = [] -%}
    {%- for name in names -%}
        {%- do patterns.append([
            folder ~ name ~ ".csv", folder ~ name ~ ".parquet",
            folder ~ name ~ "/*.csv", folder ~ name ~ "/*.parquet"
        ]) -%}
    {%- endfor -%}
    {{ return(patterns) }}
{%- endmacro %}


{#- True when the landing folder has a folder for a tool whose adapter feeds `table_name`: the
    canonical file of that table may then be absent (the main loader makes it empty). -#}
{% macro journey_vendor_provides(raw_dir, table_name) -%}
    {%- set tools = [] -%}
    {%- for vendor_table in journey_vendor_tables() -%}
        {%- if vendor_table.feeds == table_name and vendor_table.tool not in tools -%}
            {%- do tools.append(vendor_table.tool) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not tools -%}{{ return(false) }}{%- endif -%}
    {%- set patterns = [] -%}
    {%- for tool in tools -%}
        {%- do patterns.append("'" ~ journey_vendor_sql_text(raw_dir) ~ "/" ~ tool ~ "/*'") -%}
    {%- endfor -%}
    {%- set found = run_query("select count(*) from glob([" ~ patterns | join(', ') ~ "])") -%}
    {{ return(found.columns[0].values()[0] > 0) }}
{%- endmacro %}


{% macro journey_load_vendor_table(raw_dir, vendor_table) -%}
    {%- set relation_name = vendor_table.tool ~ "__" ~ vendor_table.table -%}
    {%- set label = vendor_table.tool ~ "/" ~ vendor_table.table -%}
    {%- set columns = vendor_table.required + vendor_table.columns -%}
    {#- Rejected lines count against the canonical table the rows would have become. -#}
    {%- set reject_table = vendor_table.feeds or relation_name -%}

    {%- set files = [] -%}
    {%- set matched = [] -%}
    {%- for name_patterns in journey_vendor_file_patterns(raw_dir, vendor_table) -%}
        {%- set found = run_query(
            "select file from glob(['" ~ name_patterns | join("', '") ~ "']) order by file"
        ) -%}
        {%- if found.rows | length > 0 -%}
            {%- do matched.append(name_patterns[0]) -%}
            {%- for row in found.rows -%}{%- do files.append(row[0]) -%}{%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if matched | length > 1 -%}
        {{ exceptions.raise_compiler_error(
            "Tool table '" ~ label ~ "' found under more than one name in '" ~ raw_dir ~ "/"
            ~ vendor_table.tool ~ "/': " ~ files | join(', ') ~ ". Keep one of them."
        ) }}
    {%- endif -%}

    {%- set column_defs = [] -%}
    {%- for column in columns -%}
        {%- do column_defs.append('"' ~ column ~ '" varchar') -%}
    {%- endfor -%}
    {% do run_query(
        "create or replace table landing." ~ relation_name ~ " (" ~ column_defs | join(', ')
        ~ ", _source_file varchar, _source_row bigint)"
    ) %}
    {#- Tool tables are read whole on every load: their earlier file rows and rejected lines
        go first. They carry no fingerprint, so changed tool files never stop a load. -#}
    {% do run_query(
        "delete from landing._rejected_lines where source_file in (select source_file from"
        ~ " landing._files where table_name = '" ~ relation_name ~ "')"
    ) %}
    {% do run_query("delete from landing._files where table_name = '" ~ relation_name ~ "'") %}
    {%- set files_columns = "landing._files (table_name, source_file, file_format, size_bytes,"
        ~ " row_count, batch_id, loaded_at)" -%}
    {%- set batch_sql = "(select max(batch_id) from landing._files), timezone('UTC',"
        ~ " current_timestamp)" -%}

    {%- for file in files -%}
        {%- set file_sql = journey_vendor_sql_text(file) -%}
        {%- set is_csv = file.endswith('.csv') -%}
        {%- set size = run_query("select size from read_blob('" ~ file_sql ~ "')").columns[0].values()[0] -%}
        {%- if size == 0 -%}
            {% do run_query(
                "insert into " ~ files_columns ~ " values ('" ~ relation_name ~ "', '" ~ file_sql
                ~ "', '" ~ ('csv' if is_csv else 'parquet') ~ "', 0, 0, " ~ batch_sql ~ ")"
            ) %}
            {% continue %}
        {%- endif -%}

        {%- if is_csv -%}
            {%- set present = journey_csv_header(file).fields | map('lower') | map('trim') | list -%}
        {%- else -%}
            {%- set described = run_query("describe select * from read_parquet('" ~ file_sql ~ "')") -%}
            {%- set present = described.columns[0].values() | map('lower') | map('trim') | list -%}
        {%- endif -%}
        {%- set missing = [] -%}
        {%- for column in vendor_table.required -%}
            {%- if column not in present -%}{%- do missing.append(column) -%}{%- endif -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(
                "Tool table '" ~ label ~ "' (" ~ file ~ "): required column"
                ~ ("s " if missing | length > 1 else " ") ~ "'" ~ missing | join("', '")
                ~ "' missing. Columns found: " ~ present | join(', ')
            ) }}
        {%- endif -%}

        {%- if is_csv -%}
            {%- set column_spec = [] -%}
            {%- for name in present -%}
                {#- A header may repeat a name; later copies are read under a numbered name. -#}
                {%- do column_spec.append("'" ~ journey_vendor_sql_text(name) ~ ("" if loop.index0 == present.index(name) else "__" ~ loop.index) ~ "': 'varchar'") -%}
            {%- endfor -%}
            {%- set reader = "read_csv('" ~ file_sql ~ "', header = true, auto_detect = false,"
                ~ " columns = {" ~ column_spec | join(', ') ~ "}, delim = ',', quote = '\"',"
                ~ " escape = '\"', store_rejects = true,"
                ~ " rejects_table = 'journey_vendor_rejects',"
                ~ " rejects_scan = 'journey_vendor_scans')" -%}
        {%- else -%}
            {%- set reader = "read_parquet('" ~ file_sql ~ "')" -%}
        {%- endif -%}

        {%- set select_columns = [] -%}
        {%- for column in columns -%}
            {%- if column in present -%}
                {%- do select_columns.append('cast("' ~ column ~ '" as varchar)') -%}
            {%- else -%}
                {%- do select_columns.append('cast(null as varchar)') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if is_csv -%}
            {% do run_query("drop table if exists journey_vendor_rejects") %}
            {% do run_query("drop table if exists journey_vendor_scans") %}
        {%- endif -%}
        {% do run_query(
            "insert into landing." ~ relation_name ~ " select " ~ select_columns | join(', ')
            ~ ", '" ~ file_sql ~ "', ordinality from " ~ reader ~ " with ordinality"
        ) %}
        {%- if is_csv -%}
            {% do run_query(
                "insert into landing._rejected_lines select '" ~ reject_table ~ "', '" ~ file_sql
                ~ "', line, string_agg(distinct error_type, '; ' order by error_type),"
                ~ " min(error_message), min(csv_line) from journey_vendor_rejects group by line"
            ) %}
        {%- endif -%}
        {% do run_query(
            "insert into " ~ files_columns ~ " select '" ~ relation_name ~ "', '" ~ file_sql
            ~ "', '" ~ ('csv' if is_csv else 'parquet') ~ "', " ~ size ~ ", count(*), "
            ~ batch_sql ~ " from landing." ~ relation_name ~ " where _source_file = '" ~ file_sql ~ "'"
        ) %}
    {%- endfor -%}
{%- endmacro %}
