{{ journey_base_model('erasure_requests') }}
