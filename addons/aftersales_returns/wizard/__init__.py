from . import aftersales_return_refuse
