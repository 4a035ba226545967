from . import autocrm_service_cost_report
from . import autocrm_work_plan_report
