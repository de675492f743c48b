# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import oa_archive_retention_rule
from . import oa_archive_fonds
from . import oa_archive_org
from . import oa_archive_series
from . import oa_archive_item
from . import oa_archive_file
from . import oa_archive_event
from . import oa_archive_volume
from . import oa_archive_loan
from . import oa_audit_log
from . import oa_flow_mixin
from . import oa_document

# filing: handling sheet, archive stamp, catalogue (归档文件目录)
from . import oa_archive_item_filing
from . import oa_archive_catalog_export
from . import oa_archive_propose
from . import ir_actions_report

# export: EEP (DA/T 48), four-property check (DA/T 70), transfer
from . import oa_archive_eep
from . import oa_archive_check
from . import oa_archive_check_line
from . import oa_archive_transfer
from . import oa_archive_item_export

# use and care: loans, appraisal and destruction
from . import oa_archive_catalogue
from . import oa_archive_loan_register
from . import oa_archive_appraisal
from . import oa_archive_appraisal_line
from . import oa_archive_item_care
from . import oa_archive_file_access

# search and statistics
from . import oa_archive_item_search
from . import oa_archive_catalogue_search
from . import oa_archive_report
from . import oa_archive_loan_report
