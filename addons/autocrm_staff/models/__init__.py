from . import autocrm_service_cost
