from . import autocrm_customer_log
from . import autocrm_warranty_claim_report
from . import autocrm_warranty_report_quality
from . import autocrm_warranty_report_failure
from . import autocrm_warranty_report_early_warning
from . import autocrm_warranty_report_fault_code
from . import autocrm_part_return_report_outstanding
from . import autocrm_warranty_report_callback
