from . import autocrm_warranty_claim_reject
from . import autocrm_vehicle_odometer_correct
