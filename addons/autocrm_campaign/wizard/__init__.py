from . import autocrm_recall_import_vin
