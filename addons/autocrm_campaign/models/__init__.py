from . import autocrm_retention_case
