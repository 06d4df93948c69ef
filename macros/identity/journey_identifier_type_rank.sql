{#- SPEC §2 order of identifier types, used to pick a component's smallest identifier:
    contact_id 1 < user_id 2 < email 3 < anonymous_id 4 (any other type sorts last). -#}
{% macro journey_identifier_type_rank(expression) -%}
    case {{ expression }}
        when 'contact_id' then 1
        when 'user_id' then 2
        when 'email' then 3
        when 'anonymous_id' then 4
        else 5
    end
{%- endmacro %}
