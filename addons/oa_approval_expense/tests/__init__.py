# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_expense_claim
from . import test_expense_guards
from . import test_expense_budget
from . import test_expense_concurrency
from . import test_ui
