from . import oa_calendar_import
from . import oa_flow_act
