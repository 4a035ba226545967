from . import autocrm_warranty_claim_reject
