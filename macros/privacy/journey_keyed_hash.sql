{#- A keyed hash of a text expression: the hex SHA-256 of `<key>:<value>`, the key from
    `env_var('JOURNEY_PRIVACY_KEY')` (a setting, never in the repository). Without a key the
    hash is null: a fixed key would make every hash a plain, reversible digest. -#}
{% macro journey_keyed_hash(expression) -%}
    {%- set key = env_var('JOURNEY_PRIVACY_KEY', '') -%}
    {%- if key -%}
        {{ return(adapter.dispatch('journey_keyed_hash', 'journey_warehouse')(expression, key)) }}
    {%- else -%}
        {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
    {%- endif -%}
{%- endmacro %}

{% macro default__journey_keyed_hash(expression, key) -%}
    sha256({{ dbt.concat([journey_sql_string(key ~ ':'), expression]) }})
{%- endmacro %}

{% macro postgres__journey_keyed_hash(expression, key) -%}
    encode(sha256(convert_to({{ dbt.concat([journey_sql_string(key ~ ':'), expression]) }},
        'UTF8')), 'hex')
{%- endmacro %}

{% macro spark__journey_keyed_hash(expression, key) -%}
    sha2({{ dbt.concat([journey_sql_string(key ~ ':'), expression]) }}, 256)
{%- endmacro %}
