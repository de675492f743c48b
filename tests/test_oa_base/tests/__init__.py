from . import test_engine_modes
from . import test_engine_actions
from . import test_delegation
from . import test_access
from . import test_deadlines
from . import test_concurrency
from . import test_performance
from . import test_ui
