{#- Splits a normalised email into `<name>` (valid, else null: SPEC §1 says it is no email) and
    `invalid_<name>` (the rejected value, kept for the quarantine report). -#}
{% macro journey_email_columns(normalised_column, name) -%}
    case
        when {{ is_valid_email(normalised_column) }} then {{ normalised_column }}
    end as {{ name }},
    case
        when {{ normalised_column }} is not null
            and not {{ is_valid_email(normalised_column) }} then {{ normalised_column }}
    end as invalid_{{ name }}
{%- endmacro %}
