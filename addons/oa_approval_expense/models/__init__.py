# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import res_company
from . import res_config_settings
from . import oa_approval_type
from . import oa_approval_request
from . import hr_expense_sheet
from . import hr_expense
