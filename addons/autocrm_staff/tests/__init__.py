from . import test_appraisal_confidentiality
from . import test_appraisal_results
from . import test_customer_swing
from . import test_quality_report
from . import test_service_cost
from . import test_training
from . import test_work_plan
from . import test_staff_day
