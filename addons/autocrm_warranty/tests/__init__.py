from . import test_warranty_policy
from . import test_warranty_claim
from . import test_warranty_access
from . import test_first_maintenance
from . import test_warranty_callback
from . import test_warranty_settlement
from . import test_vehicle_warranty
from . import test_warranty_reports
