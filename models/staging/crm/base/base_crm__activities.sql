{{ journey_base_model('crm_activities') }}
