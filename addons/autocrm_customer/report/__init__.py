from . import autocrm_report_mixin
from . import autocrm_report_sql_mixin
from . import autocrm_report_materialized_mixin
from . import autocrm_vehicle_report_visit
from . import autocrm_customer_report_value
from . import autocrm_customer_log
