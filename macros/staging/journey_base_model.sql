{#-
    The body of a `base_` model: every row of one landing table, typed as the landing registry
    (`journey_landing_registry()`) says, with `quarantine_reason` when the row cannot be used.

    Columns: timestamps and numbers parsed by `journey_typed_column` (value and `<column>_text`),
    emails normalised as `<column>_normalised`, categories lower-cased, `is_deleted` as a boolean,
    `currency` upper-cased with `var('journey__default_currency')` for an empty value, every
    other column trimmed text; then `_source_file` and `_source_row`. A row is quarantined when a
    required column is empty or a typed value does not parse, and, in tables that hold one row
    per record, when its key repeats an earlier row's. `source_filter` (SQL) keeps only some landing
    rows (an incremental run reads the new files only); `extra_reasons` adds reasons (SQL `case`
    expressions over the typed columns) to the quarantine checks.
-#}
{% macro journey_base_model(table_name, source_filter=none, extra_reasons=[]) -%}
    {%- set table = journey_landing_table(table_name) -%}
    with

    source as (

        select * from {{ journey_landing_relation(table.name) }}
        {%- if source_filter %}
        where {{ source_filter }}
        {%- endif %}

    ),

    typed as (

        select
            {%- for column in table.columns %}
                {%- if column in table.timestamps %}
            {{ journey_typed_column(column, 'timestamp') }},
                {%- elif column in table.integers %}
            {{ journey_typed_column(column, 'integer') }},
                {%- elif column in table.numbers %}
            {{ journey_typed_column(column, 'number') }},
                {%- elif column in table.emails %}
            {{ normalise_email(column) }} as {{ column }}_normalised,
                {%- elif column == 'is_deleted' %}
            {{ parse_boolean(column) }} as {{ column }},
                {%- elif column == 'currency' %}
            coalesce(
                upper({{ clean_text(column) }}), '{{ var("journey__default_currency") }}'
            ) as {{ column }},
                {%- elif column in table.categories %}
            lower({{ clean_text(column) }}) as {{ column }},
                {%- else %}
            {{ clean_text(column) }} as {{ column }},
                {%- endif %}
            {%- endfor %}
            _source_file,
            _source_row
        from source

    ),

    checked as (

        select
            *,
            nullif(concat_ws(
                '; ',
                {%- if table.repeats == 'first_occurrence' %}
                {{ journey_duplicate_key_reason(table.key) }},
                {%- endif %}
                {{ journey_quarantine_reason(
                    required=table.required,
                    timestamps=table.timestamps,
                    numbers=table.numbers,
                    replaced_when_ahead=table.replaced_when_ahead
                ) }}
                {%- for reason in extra_reasons %},
                {{ reason }}
                {%- endfor %}
            ), '') as quarantine_reason
        from typed

    )

    select * from checked
    {{ journey_erasure_filter(table) }}
{%- endmacro %}
