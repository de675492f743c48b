from . import oa_info_review
from . import oa_meeting_answer
from . import oa_info_report_export
