from . import test_company_provisioning
from . import test_dealer_access
from . import test_vehicle
from . import test_vehicle_access
