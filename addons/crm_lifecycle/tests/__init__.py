from . import test_customer_category
