{#- A value as quarantine reasons show it: an email as `j***@e***.com`, any other text as its
    first character and its length (`J*** (4 chars)`), so a steward sees what kind of value
    arrived without the value itself (the raw value stays in the identity tier). The same rule
    as `journey.privacy.mask_value` for quality samples: only a value that is one email as a
    whole is masked as an email (a CSV line holding one is masked as text). -#}
{% macro journey_masked_text(expression) -%}
    case
        when {{ expression }} is null then null
        when {{ journey_regex_match(expression, "'^[^@[:space:],;]+@[^@[:space:],;]+[.][^@.[:space:],;]+$'") }}
            then {{ dbt.concat([
                "substring(" ~ expression ~ ", 1, 1)",
                "'***@'",
                "substring(" ~ dbt.split_part(expression, "'@'", 2) ~ ", 1, 1)",
                "'***.'",
                dbt.split_part(dbt.split_part(expression, "'@'", 2), "'.'", -1)
            ]) }}
        else {{ dbt.concat([
            "substring(trim(" ~ expression ~ "), 1, 1)",
            "'*** ('",
            dbt.cast(dbt.length(expression), dbt.type_string()),
            "' chars)'"
        ]) }}
    end
{%- endmacro %}
