from . import autocrm_service_cost_report
from . import autocrm_staff_report_quality
