from . import test_complaint_category
from . import test_complaint
from . import test_complaint_closing
from . import test_complaint_access
from . import test_complaint_mail_gateway
from . import test_complaint_escalate
from . import test_complaint_followup
