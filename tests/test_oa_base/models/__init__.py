from . import test_oa_flow_record
