{#-
    The body of a `base_` model: every row of one landing table, typed as the landing registry
    (`journey_landing_registry()`) says, with `quarantine_reason` when the row cannot be used.

    Columns: timestamps and numbers parsed by `journey_typed_column` (value and `<column>_text`),
    emails normalised as `<column>_normalised`, categories lower-cased, `is_deleted` as a boolean,
    `currency` upper-cased with `var('journey__default_currency')` for an empty value, every
    other column trimmed text; then `_source_file` and `_source_row`. A row is quarantined when a
    required column is empty or a typed value does not parse, and, in tables that hold one row
    per record, when its key repeats an earlier row's.
-#}
{% macro journey_base_model(table_name) -%}
    {%- set table = journey_landing_table(table_name) -%}
    with

    source as (

        select * from {{ journey_landing_relation(table.name) }}

    ),

    typed as (

        select
            {%- for column in table.columns %}
                {%- if column in table.timestamps %}
            {{ journey_typed_column(column, 'timestamp') }},
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
            ), '') as quarantine_reason
        from typed

    )

    select * from checked
    {{ journey_erasure_filter(table) }}
{%- endmacro %}
