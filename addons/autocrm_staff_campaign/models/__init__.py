from . import autocrm_work_plan
