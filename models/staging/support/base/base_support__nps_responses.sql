{{ journey_base_model('survey_nps') }}
