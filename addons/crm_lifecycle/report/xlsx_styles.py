"""The cell formats every Excel export of the suite uses, so all workbooks look alike."""

FORMATS = {
    'title': {'bold': True, 'font_size': 14},
    'bold': {'bold': True},
    'header': {'bold': True, 'bg_color': '#D9E1F2', 'border': 1},
    'money': {'num_format': '#,##0.00'},
    'amount': {'num_format': '#,##0'},
    'quantity': {'num_format': '#,##0.##'},
    'number': {'num_format': '#,##0.0'},
    'rate': {'num_format': '0.0'},
    'date': {'num_format': 'yyyy-mm-dd'},
    'text': {'num_format': '@'},
    'wrap': {'text_wrap': True, 'valign': 'top'},
}


def xlsx_formats(workbook):
    """The suite's formats added to ``workbook`` (an xlsxwriter Workbook), by name."""
    return {name: workbook.add_format(dict(properties)) for name, properties in FORMATS.items()}


def write_header(sheet, row, columns, styles, width=18):
    """A header row of ``columns`` titles at ``row``, the columns ``width`` wide."""
    for index, title in enumerate(columns):
        sheet.write_string(row, index, title, styles['header'])
    sheet.set_column(0, len(columns) - 1, width)


def write_labels(sheet, pairs, styles, row=0):
    """(label, text) pairs one per row from ``row``, labels bold; returns the first free row after a gap."""
    for offset, (label, value) in enumerate(pairs):
        sheet.write_string(row + offset, 0, label, styles['bold'])
        sheet.write_string(row + offset, 1, value or '')
    return row + len(pairs) + 1
