from . import aftersales_return_reason
from . import aftersales_return
from . import aftersales_return_line
