from . import sale_inquiry_wizard
