from . import test_company_provisioning
from . import test_dealer_access
