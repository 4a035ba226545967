from . import autocrm_customer_swing
from . import autocrm_customer_swing_line
