from . import test_warranty_policy
from . import test_warranty_claim
