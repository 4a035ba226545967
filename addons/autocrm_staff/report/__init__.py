from . import autocrm_service_cost_report
from . import autocrm_staff_report_quality
from . import autocrm_work_plan_report
