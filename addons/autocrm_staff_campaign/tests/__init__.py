from . import test_staff_campaign
