from . import sales_analysis_export
