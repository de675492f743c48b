# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_menu

# filing
from . import test_filing

# export
from . import test_eep
from . import test_check
from . import test_transfer

# use and care
from . import test_loan
from . import test_appraisal
from . import test_archive_access

# search, statistics, browser
from . import test_search
from . import test_report
from . import test_ui
