from . import test_warranty_policy
