from . import autocrm_staff_report_quality
