from . import autocrm_complaint_category
from . import autocrm_complaint_stage
from . import autocrm_complaint_deadline
from . import autocrm_complaint_desk
from . import autocrm_complaint
from . import autocrm_followup
from . import res_company
