from . import res_company
from . import res_partner
from . import product_template
from . import stock_warehouse
from . import autocrm_vehicle
from . import autocrm_odometer_reading
from . import repair_order
from . import autocrm_followup
