{#- How each tool adapter model (`<tool>__<canonical table>`) maps its tool tables onto the
    canonical landing table, as data for `journey_vendor_adapter()`. Per model:
    `imports` (CTE name: tool table, read with `journey_vendor_relation`), `lookups` (CTE name:
    vendor seed, filtered to the tool) and `parts`, one per tool table whose rows become rows:
    `from` (the CTE read), `joins` (left joined CTE: condition, in order) and `columns`
    (canonical column: SQL). A column value is SQL; a list is the first non-blank of its columns
    (`coalesce(nullif(trim(...), ''), ...)`); none is a null; a canonical column left out is
    read under its own name from `from`. Helper CTEs a part joins are written in the model. -#}
{% macro journey_vendor_mappings() -%}
{%- set fivetran_updated = ['system_modstamp', 'last_modified_date', '_fivetran_synced'] -%}
{%- set true_text = "in ('true', 't', '1')" -%}
{%- set task_type = "lower(trim(coalesce(nullif(trim(tasks.type), ''), tasks.task_subtype)))" -%}
{%- set event_type = "lower(trim(coalesce(nullif(trim(events.type), ''), events.event_subtype)))" -%}
{%- set track_name = "lower(trim(coalesce(nullif(trim(tracks.event_text), ''), tracks.event)))" -%}
{%- set snowplow_name = "lower(coalesce(nullif(trim(events.event_name), ''), trim(events.event)))" -%}
{{ return({
    'hubspot__crm_accounts': {
        'imports': {'companies': 'company'},
        'parts': [{'from': 'companies', 'columns': {
            'account_id': 'id', 'account_name': 'property_name', 'industry': 'property_industry',
            'employee_count': 'property_numberofemployees', 'created_at': 'property_createdate',
            'updated_at': ['property_hs_lastmodifieddate', '_fivetran_synced',
                           'property_createdate']}}]},
    'hubspot__crm_contacts': {
        'imports': {'contacts': 'contact'},
        'parts': [{'from': 'contacts', 'columns': {
            'contact_id': 'id', 'email': 'property_email', 'phone': 'property_phone',
            'first_name': 'property_firstname', 'last_name': 'property_lastname',
            'account_id': 'property_associatedcompanyid',
            'lifecycle_stage': 'property_lifecyclestage',
            'lead_source': 'property_hs_analytics_source', 'created_at': 'property_createdate',
            'updated_at': ['property_lastmodifieddate', '_fivetran_synced', 'property_createdate'],
            'is_deleted': '_fivetran_deleted'}}]},
    'hubspot__crm_deals': {
        'imports': {'deals': 'deal', 'stages': 'deal_pipeline_stage',
                    'deal_contacts': 'deal_contact', 'deal_companies': 'deal_company'},
        'lookups': {'stage_map': 'vendor_deal_stages'},
        'parts': [{'from': 'deals',
            'joins': {
                'first_contacts': 'deals.deal_id = first_contacts.deal_id',
                'first_companies': 'deals.deal_id = first_companies.deal_id',
                'stage_flags': 'deals.deal_pipeline_stage_id = stage_flags.stage_id',
                'stage_map as by_id': 'lower(trim(deals.deal_pipeline_stage_id)) = by_id.vendor_stage',
                'stage_map as by_label': 'lower(trim(stage_flags.stage_label)) = by_label.vendor_stage'},
            'columns': {
                'contact_id': 'first_contacts.contact_id',
                'account_id': 'first_companies.company_id',
                'deal_stage': "coalesce(by_id.deal_stage, by_label.deal_stage, case"
                    ~ " when stage_flags.is_won then 'closed_won'"
                    ~ " when stage_flags.is_closed then 'closed_lost' end,"
                    ~ " stage_flags.stage_label, deals.deal_pipeline_stage_id)",
                'amount': 'deals.property_amount', 'currency': 'deals.property_deal_currency_code',
                'created_at': 'deals.property_createdate', 'closed_at': 'deals.property_closedate',
                'updated_at': ['deals.property_hs_lastmodifieddate', 'deals._fivetran_synced',
                               'deals.property_closedate', 'deals.property_createdate']}}]},
    'hubspot__crm_activities': {
        'imports': {'engagements': 'engagement', 'engagement_contacts': 'engagement_contact',
                    'calls': 'engagement_call', 'emails': 'engagement_email',
                    'meetings': 'engagement_meeting', 'email_events': 'email_event',
                    'contacts': 'contact'},
        'lookups': {'activity_types': 'vendor_activity_types'},
        'parts': [
            {'from': 'engagements',
             'joins': {
                'first_contacts': 'engagements.id = first_contacts.engagement_id',
                'engagement_times': 'engagements.id = engagement_times.engagement_id',
                'activity_types': 'lower(trim(engagements.type)) = activity_types.vendor_type'},
             'columns': {
                'activity_id': 'engagements.id', 'contact_id': 'first_contacts.contact_id',
                'activity_type': 'coalesce(activity_types.activity_type, lower(trim(engagements.type)))',
                'occurred_at': ['engagement_times.occurred_at', 'engagements.property_hs_timestamp',
                                'engagements.timestamp', 'engagements.created_at',
                                'engagements.property_hs_createdate']}},
            {'from': 'email_events',
             'joins': {
                'contacts_by_email': 'lower(trim(email_events.recipient)) = contacts_by_email.email',
                'activity_types': 'lower(trim(email_events.type)) = activity_types.vendor_type'},
             'columns': {
                'activity_id': 'email_events.id', 'contact_id': 'contacts_by_email.contact_id',
                'activity_type': 'coalesce(activity_types.activity_type, lower(trim(email_events.type)))',
                'occurred_at': 'email_events.created'}}]},

    'salesforce__crm_accounts': {
        'imports': {'accounts': 'account'},
        'parts': [{'from': 'accounts', 'columns': {
            'account_id': 'id', 'account_name': 'name',
            'employee_count': 'number_of_employees', 'created_at': 'created_date',
            'updated_at': fivetran_updated}}]},
    'salesforce__crm_contacts': {
        'imports': {'leads': 'lead', 'contacts': 'contact'},
        'parts': [
            {'from': 'leads', 'columns': {
                'contact_id': "coalesce(nullif(trim(leads.converted_contact_id), ''), leads.id)",
                'account_id': 'converted_account_id', 'lifecycle_stage': 'status',
                'created_at': 'created_date', 'updated_at': fivetran_updated}},
            {'from': 'contacts', 'columns': {
                'contact_id': 'id', 'lifecycle_stage': none,
                'created_at': 'created_date', 'updated_at': fivetran_updated}}]},
    'salesforce__crm_deals': {
        'imports': {'opportunities': 'opportunity', 'history': 'opportunity_history'},
        'lookups': {'stage_map': 'vendor_deal_stages'},
        'parts': [{'from': 'versions',
            'joins': {'stage_map': 'lower(trim(versions.stage_name)) = stage_map.vendor_stage'},
            'columns': {
                'deal_stage': "coalesce(stage_map.deal_stage, case"
                    ~ " when lower(trim(versions.is_won)) " ~ true_text ~ " then 'closed_won'"
                    ~ " when lower(trim(versions.is_closed)) " ~ true_text ~ " then 'closed_lost'"
                    ~ " end, versions.stage_name)",
                'currency': 'versions.currency_iso_code', 'created_at': 'versions.created_date',
                'closed_at': "case when lower(trim(versions.is_closed)) " ~ true_text
                    ~ " then versions.close_date end"}}]},
    'salesforce__crm_activities': {
        'imports': {'tasks': 'task', 'events': 'event'},
        'lookups': {'activity_types': 'vendor_activity_types'},
        'parts': [
            {'from': 'tasks',
             'joins': {'activity_types': task_type ~ ' = activity_types.vendor_type'},
             'columns': {
                'activity_id': 'tasks.id', 'contact_id': 'tasks.who_id',
                'activity_type': 'coalesce(activity_types.activity_type, ' ~ task_type ~ ')',
                'occurred_at': ['tasks.activity_date', 'tasks.created_date']}},
            {'from': 'events',
             'joins': {'activity_types': event_type ~ ' = activity_types.vendor_type'},
             'columns': {
                'activity_id': 'events.id', 'contact_id': 'events.who_id',
                'activity_type': 'coalesce(activity_types.activity_type, ' ~ event_type ~ ')',
                'occurred_at': ['events.activity_date_time', 'events.start_date_time',
                                'events.created_date']}}]},

    'zendesk__support_tickets': {
        'imports': {'tickets': 'ticket', 'users': 'user', 'field_history': 'ticket_field_history'},
        'lookups': {'channels': 'vendor_ticket_channels'},
        'parts': [{'from': 'tickets',
            'joins': {
                'requesters': 'tickets.requester_id = requesters.user_id',
                'solved': 'tickets.id = solved.ticket_id',
                'channels': 'lower(trim(tickets.via_channel)) = channels.vendor_channel'},
            'columns': {
                'ticket_id': 'tickets.id', 'requester_email': 'requesters.email',
                'contact_id': 'requesters.external_id',
                'channel': 'coalesce(channels.channel, lower(trim(tickets.via_channel)))',
                'category': 'tickets.type', 'satisfaction_rating': none,
                'first_response_at': none, 'solved_at': 'solved.solved_at',
                'updated_at': ['tickets.updated_at', 'tickets._fivetran_synced',
                               'tickets.created_at']}}]},

    'segment__web_events': {
        'imports': {'pages': 'pages', 'tracks': 'tracks'},
        'lookups': {'event_names': 'vendor_event_names'},
        'parts': [
            {'from': 'pages',
             'joins': {'event_names': "event_names.vendor_event = 'page'"},
             'columns': {
                'event_id': 'pages.id', 'event_name': 'event_names.event_name',
                'page_url': 'pages.url', 'utm_source': 'pages.context_campaign_source',
                'utm_medium': 'pages.context_campaign_medium',
                'utm_campaign': 'pages.context_campaign_name',
                'user_agent': 'pages.context_user_agent', 'event_at': 'pages.timestamp'}},
            {'from': 'tracks',
             'joins': {'event_names': track_name ~ ' = event_names.vendor_event'},
             'columns': {
                'event_id': 'tracks.id',
                'event_name': 'coalesce(event_names.event_name, ' ~ track_name ~ ')',
                'page_url': 'tracks.context_page_url', 'referrer': 'tracks.context_page_referrer',
                'utm_source': 'tracks.context_campaign_source',
                'utm_medium': 'tracks.context_campaign_medium',
                'utm_campaign': 'tracks.context_campaign_name',
                'user_agent': 'tracks.context_user_agent', 'event_at': 'tracks.timestamp'}}]},
    'segment__web_identifies': {
        'imports': {'identifies': 'identifies'},
        'parts': [{'from': 'identifies', 'columns': {'identified_at': 'identifies.timestamp'}}]},

    'snowplow__web_events': {
        'imports': {'events': 'events',
                    'spider_context': 'com_iab_snowplow_spiders_and_robots_1'},
        'lookups': {'event_names': 'vendor_event_names'},
        'parts': [{'from': 'events',
            'joins': {
                'spiders': 'events.event_id = spiders.root_id',
                'event_names': snowplow_name ~ ' = lower(event_names.vendor_event)'},
            'columns': {
                'anonymous_id': ['events.domain_userid', 'events.network_userid'],
                'event_name': 'coalesce(event_names.event_name, ' ~ snowplow_name ~ ')',
                'referrer': 'events.page_referrer', 'utm_source': 'events.mkt_source',
                'utm_medium': 'events.mkt_medium', 'utm_campaign': 'events.mkt_campaign',
                'user_agent': "case when coalesce(spiders.is_spider, false) or replace(lower("
                    ~ "events.contexts_com_iab_snowplow_spiders_and_robots_1_0_0), ' ', '')"
                    ~ " like '%\"spiderorrobot\":true%' then concat(coalesce(events.useragent,"
                    ~ " ''), ' [IAB spiderOrRobot]') else events.useragent end",
                'event_at': ['events.derived_tstamp', 'events.dvce_created_tstamp',
                             'events.collector_tstamp'],
                'received_at': 'events.collector_tstamp'}}]}
} ) }}
{%- endmacro %}
