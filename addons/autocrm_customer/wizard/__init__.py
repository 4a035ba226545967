from . import autocrm_vehicle_lookup
