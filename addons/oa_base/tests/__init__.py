from . import test_working_days
from . import test_demo_org
