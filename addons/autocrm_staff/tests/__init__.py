from . import test_service_cost
