from . import oa_document_overdue_report
