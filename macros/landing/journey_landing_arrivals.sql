{#- Which planned files (from `journey_landing_plan`) this load reads. Every file is
    fingerprinted (SHA-256 of its bytes) and compared with `landing._files`, the files earlier
    loads processed. Returns `{'full': bool, 'batch': int, 'last_batch': int or none,
    'tables': [...], 'problems': [...]}`: `tables` as in the plan, each file with its
    `fingerprint`, but only the files not processed yet (every file on a full load); one
    problem per processed file that changed or disappeared, naming table and file. A full load
    is one asked for (`var('journey__full_refresh')`) or one with no record to compare with
    (no `landing._files`, or one written before files were fingerprinted); it is batch 1, any
    other load the last batch plus one. `force_full` asks for a full load as the var does. -#}
{% macro journey_landing_arrivals(raw_dir, plan, force_full=false) -%}
    {%- set full_refresh = force_full
        or var('journey__full_refresh', false) in [true, 'true', 'True', 1] -%}
    {%- set recorded = {} -%}
    {%- set last_batch = none -%}
    {%- if not full_refresh -%}
        {%- set tracked = run_query(
            "select count(*) from information_schema.columns where table_schema = 'landing'"
            ~ " and table_name = '_files' and column_name in ('fingerprint', 'batch_id')"
        ) -%}
        {%- if tracked.columns[0].values()[0] | int == 2 -%}
            {%- set rows = run_query(
                "select table_name, source_file, fingerprint, batch_id from landing._files"
                ~ " where fingerprint is not null"
            ) -%}
            {%- for row in rows.rows -%}
                {%- do recorded.update({row[0] ~ '\n' ~ row[1]: {
                    'table': row[0], 'file': row[1], 'fingerprint': row[2], 'batch': row[3]
                }}) -%}
            {%- endfor -%}
            {%- set batches = run_query("select max(batch_id) from landing._files") -%}
            {%- set last_batch = batches.columns[0].values()[0] -%}
        {%- endif -%}
    {%- endif -%}
    {%- set full = last_batch is none -%}
    {%- set arrivals = {
        'full': full,
        'batch': 1 if full else last_batch | int + 1,
        'last_batch': last_batch,
        'tables': [],
        'problems': []
    } -%}
    {%- set seen = [] -%}
    {%- for table in plan.tables -%}
        {%- set arriving = {'name': table.name, 'columns': table.columns, 'files': []} -%}
        {%- for file in table.files -%}
            {%- set fingerprint = run_query(
                "select sha256(content) from read_blob("
                ~ journey_sql_string(journey_glob_escape(file.path)) ~ ")"
            ).columns[0].values()[0] -%}
            {%- do file.update({'fingerprint': fingerprint}) -%}
            {%- set key = table.name ~ '\n' ~ file.relative -%}
            {%- do seen.append(key) -%}
            {%- set before = recorded.get(key) -%}
            {%- if full or before is none -%}
                {%- do arriving.files.append(file) -%}
            {%- elif before.fingerprint != fingerprint -%}
                {%- do arrivals.problems.append(
                    "Landing table '" ~ table.name ~ "': file '" ~ file.relative ~ "' changed"
                    ~ " after it was loaded (batch " ~ before.batch ~ "; SHA-256 "
                    ~ before.fingerprint[:12] ~ " then, " ~ fingerprint[:12] ~ " now)."
                ) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do arrivals.tables.append(arriving) -%}
    {%- endfor -%}
    {%- for key, before in recorded | dictsort if key not in seen -%}
        {%- do arrivals.problems.append(
            "Landing table '" ~ before.table ~ "': file '" ~ before.file ~ "' was loaded"
            ~ " (batch " ~ before.batch ~ ") and has disappeared from the landing folder."
        ) -%}
    {%- endfor -%}
    {{ return(arrivals) }}
{%- endmacro %}
