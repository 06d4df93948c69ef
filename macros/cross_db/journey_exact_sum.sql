{#-
    sum() of a double column that does not depend on the order the rows are read: each term
    as decimal(38, scale), added exactly, the total as a double. A sum of doubles differs in
    its last bits with the order of addition, which depends on threads on every engine, so
    two builds of the same data would otherwise disagree on lifetime revenue. A term with at
    most `scale` decimals (money) keeps its value exactly.

    Terms from `exact_below` up (in absolute value) are finite doubles the contract allows but
    decimal(38, 9) cannot hold (it ends near 1e29, and `1e35` is a valid amount): they are
    added as doubles, beside the exact part, so such a row changes the last bits at worst and
    never stops the build. Below the bound, 1e14 terms fit before the decimal sum could
    overflow. Null when every term is null, as sum() is.
-#}
{% macro journey_exact_sum(expression, scale=9, exact_below=1e15) -%}
    case
        when count({{ expression }}) > 0
            then
                coalesce(
                    cast(
                        sum(
                            cast(
                                case
                                    when abs({{ expression }}) < {{ exact_below }}
                                        then {{ expression }}
                                end as decimal(38, {{ scale }})
                            )
                        ) as {{ journey_type_double() }}
                    ),
                    0
                )
                + coalesce(
                    sum(
                        case
                            when abs({{ expression }}) >= {{ exact_below }} then {{ expression }}
                        end
                    ),
                    0
                )
    end
{%- endmacro %}
