# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_leave
from . import test_leave_return
from . import test_concurrency
