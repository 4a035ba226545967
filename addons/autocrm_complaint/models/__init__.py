from . import autocrm_complaint_category
