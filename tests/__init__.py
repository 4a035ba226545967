"""Suite-level tests of AutoCRM, run by ``./bin/autocrm test`` (see tests/common.py)."""
