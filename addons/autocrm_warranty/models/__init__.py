from . import autocrm_warranty_policy
