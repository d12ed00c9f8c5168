"""The columns of the customer Excel files: the import template, the import and the export.

One table, one line per column, in the order of the template. To add a column, add a line:

- ``key``: a ``res.partner`` field read and written as plain text, unless the import wizard has an
  ``_import_<key>(row, text)`` method and the export report an ``_export_<key>(partner)`` method;
- ``header``: the Chinese header that the template and the export write (the file format, the same in
  every language);
- ``aliases``: English headers also recognised on import (the field's label and common words);
- ``required``: the import refuses a file without this column and a row without a value;
- ``usage``: 'both' (template, import, export) or 'export' (export only, ignored when imported back).

On import, headers are compared without case, spaces or a trailing ``*`` (the template marks required
columns with one).
"""
import unicodedata
from collections import namedtuple

CustomerColumn = namedtuple('CustomerColumn', 'key header aliases required usage')

CUSTOMER_COLUMNS = [
    CustomerColumn('name', '客户名称', ('Customer Name', 'Name'), True, 'both'),
    CustomerColumn('unified_credit_code', '统一社会信用代码', ('Unified Social Credit Code',), False, 'both'),
    CustomerColumn('customer_category', '客户分类', ('Customer Category', 'Category'), False, 'both'),
    CustomerColumn('phone', '电话', ('Phone',), False, 'both'),
    CustomerColumn('mobile', '手机', ('Mobile',), False, 'both'),
    CustomerColumn('email', '邮箱', ('Email', 'E-mail'), False, 'both'),
    CustomerColumn('state', '省份', ('State', 'Province'), False, 'both'),
    CustomerColumn('city', '城市', ('City',), False, 'both'),
    CustomerColumn('street', '详细地址', ('Street', 'Address'), False, 'both'),
    CustomerColumn('owner', '负责人', ('Salesperson', 'Owner'), False, 'both'),
    CustomerColumn('comment', '备注', ('Notes', 'Comment'), False, 'both'),
    CustomerColumn('owner_name', '负责人姓名', ('Salesperson Name', 'Owner Name'), False, 'export'),
    CustomerColumn('customer_category_name', '分类名称', ('Category Name',), False, 'export'),
    CustomerColumn('in_public_pool', '公海客户', ('In Public Pool',), False, 'export'),
]

# Columns the import adds to the file it returns; ignored when that file is imported again.
ERROR_HEADER = '错误'
WARNING_HEADER = '警告'
RESULT_HEADERS = (ERROR_HEADER, WARNING_HEADER)


def template_columns():
    return [column for column in CUSTOMER_COLUMNS if column.usage == 'both']


def export_columns():
    return list(CUSTOMER_COLUMNS)


def template_header(column):
    """The header as the template writes it: required columns end with '*'."""
    return column.header + ('*' if column.required else '')


def header_key(text):
    """'客户名称*', ' Customer  name ' and 'CUSTOMER NAME' compare equal."""
    text = unicodedata.normalize('NFKC', text or '').strip().rstrip('*').strip().lower()
    return ' '.join(text.split())


def columns_by_header():
    """Header key -> column, for the Chinese headers and all aliases."""
    found = {}
    for column in CUSTOMER_COLUMNS:
        for header in (column.header,) + tuple(column.aliases):
            found[header_key(header)] = column
    return found
