from . import test_menu
from . import test_incoming
from . import test_numbering
from . import test_rules
from . import test_access
