# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import oa_flow_template_step
from . import oa_approval_type
from . import oa_approval_budget
from . import oa_approval_request
from . import oa_approval_request_report
from . import oa_approval_request_notify
