from . import test_retention_case
from . import test_churn_detect
from . import test_churn_detect_concurrency
from . import test_loyalty_report
from . import test_campaign
from . import test_recall
from . import test_survey
from . import test_screens
