from . import test_retention_case
