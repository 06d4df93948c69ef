{#- Incremental runs: a model built with `journey_incremental_config()` reprocesses only
    what the newest landing batch touches. `landing._files.batch_id` numbers the runs that loaded
    something; the rows of the files of the newest batch are the new rows. -#}

{#- The materialization of an incremental model: `incremental` where the warehouse supports
    `delete+insert`, a plain `table` elsewhere (Spark), so the same models run everywhere. -#}
{% macro journey_incremental_materialization() -%}
    {{ return(adapter.dispatch('journey_incremental_materialization', 'journey_warehouse')()) }}
{%- endmacro %}

{% macro default__journey_incremental_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__journey_incremental_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#- `full_refresh` config of an incremental model: true when var `journey__full_refresh` asks for
    a rebuild (as `--full-refresh` does), else none (dbt's flag decides). -#}
{% macro journey_full_refresh_config() -%}
    {{ return(true if var('journey__full_refresh', false) else none) }}
{%- endmacro %}

{#- True when the landing load of this run appended a batch to earlier ones: landing._files
    records batches (column batch_id) and `landing._load.batch_id` is not 1 (a full load, which
    replaced every landing table) — null when the load found no new file. Only then can a run
    tell new rows from old ones. -#}
{% macro journey_batches_tracked() -%}
    {#- Named before the parse-time return, so every caller depends on the sources. -#}
    {%- set files = source('landing', 'files') -%}
    {%- set load = source('landing', 'load') -%}
    {%- if not execute -%}{{ return(false) }}{%- endif -%}
    {%- for relation in [files, load] -%}
        {%- set found = load_relation(relation) -%}
        {%- if found is none -%}{{ return(false) }}{%- endif -%}
        {%- set names = adapter.get_columns_in_relation(found) | map(attribute='name')
            | map('lower') | list -%}
        {%- if 'batch_id' not in names -%}{{ return(false) }}{%- endif -%}
    {%- endfor -%}
    {%- if var('journey__incremental_batch', none) is not none -%}{{ return(true) }}{%- endif -%}
    {%- set loaded = run_query("select batch_id from " ~ load) -%}
    {%- set batch = loaded.columns[0].values()[0] if loaded.rows | length > 0 else 1 -%}
    {{ return(batch is none or batch | int > 1) }}
{%- endmacro %}

{#- True when this model reprocesses only what the newest batch touches: the model exists, no
    full refresh is asked (flag or var `journey__full_refresh`), and batches are recorded. -#}
{% macro journey_incremental() -%}
    {#- A unit test renders the full select (it has no relation of its own). -#}
    {%- if this is none or model.resource_type == 'unit_test' -%}
        {{ return(false) }}
    {%- endif -%}
    {%- if not is_incremental() or var('journey__full_refresh', false) -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(journey_batches_tracked()) }}
{%- endmacro %}

{#- Pre-hook of every incremental model: when the model exists but the run cannot be incremental
    (no batch record, or a full load), its rows are removed first, so the full select rebuilds it exactly. -#}
{% macro journey_incremental_reset() -%}
    {%- if execute and is_incremental() and not journey_incremental() -%}
        delete from {{ this }}
    {%- endif -%}
{%- endmacro %}

{#- The newest batch: var `journey__incremental_batch`, else the batch this run's landing load
    appended (`landing._load.batch_id`; null when it found no new file, so no row is new). -#}
{% macro journey_new_batch() -%}
    {%- set batch = var('journey__incremental_batch', none) -%}
    {%- if batch is not none -%}
        {{ batch | int }}
    {%- else -%}
        (select batch_id from {{ source('landing', 'load') }})
    {%- endif -%}
{%- endmacro %}

{#- The landing files of `table_name` that arrived with the newest batch, as a subquery. -#}
{% macro journey_new_files(table_name) -%}
    (
        select source_file from {{ source('landing', 'files') }}
        where table_name = '{{ table_name }}' and batch_id = {{ journey_new_batch() }}
    )
{%- endmacro %}

{#- True when this run is incremental at all (for the models that state what a run touches,
    which are rebuilt every run): no full refresh is asked and batches are recorded. -#}
{% macro journey_incremental_run() -%}
    {%- if flags.FULL_REFRESH or var('journey__full_refresh', false) -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(journey_batches_tracked()) }}
{%- endmacro %}
