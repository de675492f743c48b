# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import oa_approval_type
from . import oa_vehicle_booking
from . import oa_approval_request
