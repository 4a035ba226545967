from . import test_staff_complaint
