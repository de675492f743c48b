from . import oa_document_number_assign
from . import oa_document_reserve
from . import oa_document_return
from . import oa_document_search_check
from . import oa_document_register_export
