from . import autocrm_customer_log
from . import autocrm_complaint_report
