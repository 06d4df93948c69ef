{{ journey_base_model('web_identifies') }}
