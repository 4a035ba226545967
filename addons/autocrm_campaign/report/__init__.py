from . import autocrm_customer_log
from . import autocrm_customer_report_loyalty
from . import autocrm_survey_report_step
