# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import oa_vehicle_dispatch_wizard
from . import oa_vehicle_return_wizard
