{#- The suppression list of erased identifiers (`erasure.erasure_suppressions`, in the run's
    build schema on Postgres), or none when it does not exist yet or is empty: a base model
    then needs no filter. -#}
{% macro journey_erasure_suppressions() -%}
    {%- set relation = journey_erasure_relation('erasure_suppressions') -%}
    {%- if relation is none -%}{{ return(none) }}{%- endif -%}
    {%- set counted = run_query('select count(*) from ' ~ relation) -%}
    {{ return(relation if counted.columns[0].values()[0] > 0 else none) }}
{%- endmacro %}

{#- The identifier of one landing column as the identity graph reads it, from the base
    model's `checked` rows (emails normalised as `<column>_normalised`, other identifiers
    trimmed), for hashing against the suppression list. -#}
{% macro journey_erasure_identifier(table, column) -%}
    {%- if column in table.emails -%}
        checked.{{ column }}_normalised
    {%- else -%}
        checked.{{ column }}
    {%- endif -%}
{%- endmacro %}

{#- A `where` clause for a base model: leaves out every row that carries an identifier on the
    suppression list (a person erased by an `erasure_requests` row, SPEC §7 class `erased`).
    Empty for tables without identifiers, without a list, and in the run's resolving pass
    (`journey__erasure_resolving`), which reads the whole identity graph to find the person. -#}
{% macro journey_erasure_filter(table) -%}
    {%- if not table.identifiers or var('journey__erasure_resolving', false) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set suppressions = journey_erasure_suppressions() -%}
    {%- if suppressions is none -%}{{ return('') }}{%- endif -%}
    {%- if not journey_privacy_key_set() -%}
        {{ exceptions.raise_compiler_error(
            table.name ~ ": the suppression list " ~ suppressions ~ " holds erased people but"
            ~ " JOURNEY_PRIVACY_KEY is not set, so their rows cannot be recognised. Set the key"
            ~ " the list was made with (`journey run` keeps it next to the warehouse)."
        ) }}
    {%- endif -%}
    where not exists (
        select 1
        from {{ suppressions }} as suppressed
        where
            {%- for identifier_type, column in table.identifiers %}
                (
                    suppressed.identifier_type = '{{ identifier_type }}'
                    and suppressed.identifier_hash = {{ journey_keyed_hash(
                        journey_erasure_identifier(table, column)
                    ) }}
                )
                {%- if not loop.last %} or{% endif %}
            {%- endfor %}
    )
{%- endmacro %}
