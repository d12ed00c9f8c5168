from . import sales_commission_statement_xlsx
