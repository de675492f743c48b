# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_vehicle_request
from . import test_booking_overlap
from . import test_booking_concurrency
from . import test_dispatch_return
from . import test_access
from . import test_views
from . import test_ui
