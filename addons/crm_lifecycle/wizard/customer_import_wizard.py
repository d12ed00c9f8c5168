import base64
import io
import logging
import os
import re
import unicodedata
import zipfile
from collections import defaultdict

import xlrd
import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import single_email_re

from ..models.customer_xlsx_columns import (
    ERROR_HEADER, RESULT_HEADERS, WARNING_HEADER, columns_by_header, header_key, template_columns, template_header)
from ..models.duplicate_normalize import (
    _REGION_FORMS, compact_credit_code, normalize_company_name, normalize_phone)
from ..models.res_partner_duplicate import BLOCKING_REASONS
from ..report.xlsx_styles import FORMATS, xlsx_formats

_logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
# Checked and created in bulk (a few statements for all rows), 10,000 rows take seconds: 20,000 stay well
# within the request time limit (limit_time_real) of one import.
MAX_ROWS = 20000
# An .xlsx is a zip: one that would unpack to more than this (a zip bomb) is refused before it is read.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 20
# What a phone number may be written with: digits, a leading + (+86), dashes, spaces, brackets.
PHONE_CHARACTERS_RE = re.compile(r'^\+?[0-9\s\-()]+$')
# Rows listed in the wizard itself; the checked file has them all.
MAX_LISTED_MESSAGES = 50


class ImportRow(object):
    """One data row of the file: its number as Excel shows it, its cell texts by column key (None for a
    cell that holds no text), the values the customer will be created with, and what is wrong with it."""

    def __init__(self, number):
        self.number = number
        self.texts = {}
        self.vals = {}
        self.errors = []
        self.warnings = []


class CustomerImportWizard(models.TransientModel):
    """Import customers from an Excel file in the layout of the template (see customer_xlsx_columns).

    Every row is checked first: required name, cell types, category, credit code, phone and e-mail,
    province, owner (exists, is a salesperson, may be given customers by the importing user, holding cap
    of the category) and duplicates, within the file and with the customers in the database (the 撞单
    engine). If any row has an error nothing is written and the user gets the file back with an error
    column; otherwise all rows are created in one savepoint through ``res.partner.create``, so all the
    rules of the model apply again, and a failure there also imports nothing.
    """
    _name = 'crm.customer.import.wizard'
    _description = 'Import Customers'

    state = fields.Selection([('upload', 'Upload'), ('result', 'Result')], default='upload', required=True)
    import_file = fields.Binary('Excel File', help='An .xlsx file in the layout of the template.')
    import_filename = fields.Char('File Name')
    template_file = fields.Binary('Template', readonly=True)
    template_filename = fields.Char('Template File Name', readonly=True)
    result_file = fields.Binary('Checked File', readonly=True,
                                help='Your file with a column that says what is wrong in each row.')
    result_filename = fields.Char('Checked File Name', readonly=True)
    row_count = fields.Integer('Rows', readonly=True)
    imported_count = fields.Integer('Customers Imported', readonly=True)
    error_row_count = fields.Integer('Rows with Errors', readonly=True)
    warning_count = fields.Integer('Warnings', readonly=True)
    result_message = fields.Text('Result', readonly=True)
    imported_partner_ids = fields.Many2many('res.partner', string='Imported Customers', readonly=True)

    # ------------------------------------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------------------------------------
    @api.multi
    def action_download_template(self):
        self.ensure_one()
        self.write({
            'template_file': base64.b64encode(self._template_content()),
            'template_filename': '%s.xlsx' % _('Customer Import Template'),
        })
        return {
            'type': 'ir.actions.act_url',
            'target': 'self',
            'url': '/web/content/?model=%s&id=%s&field=template_file&filename_field=template_filename'
                   '&download=true' % (self._name, self.id),
        }

    @api.multi
    def action_import(self):
        self.ensure_one()
        self._check_import_allowed()
        book = self._open_workbook()
        sheet = book.sheet_by_index(0)
        columns, headers = self._read_header(sheet)
        rows = self._read_rows(sheet, columns, headers)
        self._check_rows(rows, headers)
        partners = self.env['res.partner']
        if not any(row.errors for row in rows):
            partners = self._create_customers(rows)
        self._write_result(book, sheet, rows, partners)
        return self._reopen()

    @api.multi
    def action_restart(self):
        self.ensure_one()
        self.write({
            'state': 'upload', 'import_file': False, 'import_filename': False, 'result_file': False,
            'result_filename': False, 'row_count': 0, 'imported_count': 0, 'error_row_count': 0,
            'warning_count': 0, 'result_message': False, 'imported_partner_ids': [(5, 0, 0)],
        })
        return self._reopen()

    @api.multi
    def action_open_imported(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Imported Customers'),
            'res_model': 'res.partner',
            'view_mode': 'tree,form',
            'domain': [('id', 'in', self.imported_partner_ids.ids)],
            'target': 'current',
        }

    def _reopen(self):
        return {
            'type': 'ir.actions.act_window',
            'name': _('Import Customers'),
            'res_model': self._name,
            'res_id': self.id,
            'view_mode': 'form',
            'target': 'new',
        }

    # ------------------------------------------------------------------------------------------------
    # The file
    # ------------------------------------------------------------------------------------------------
    def _check_import_allowed(self):
        if not self.env.user.has_group('sales_team.group_sale_salesman'):
            raise UserError(_('Only salespeople, team leads and sales managers may import customers.'))
        self.env['res.partner'].check_access_rights('create')

    def _open_workbook(self):
        """The uploaded file as an xlrd workbook, or a UserError saying why it cannot be read."""
        filename = self.import_filename or _('The file')
        if not self.import_file and not self.import_filename:
            raise UserError(_('Please choose the Excel file to import.'))
        content = base64.b64decode(self.import_file or b'')
        if not content:
            raise UserError(_('%s is empty. Please start from the template.') % filename)
        if len(content) > MAX_FILE_BYTES:
            raise UserError(_('%(file)s is too large (%(size).1f MB): import at most %(max)s MB at a time. '
                              'Please split the file.') % {
                                  'file': filename, 'size': len(content) / 1024.0 / 1024.0,
                                  'max': MAX_FILE_BYTES // 1024 // 1024})
        not_xlsx = UserError(_('%s is not an Excel .xlsx file. Please save it in Excel as "Excel Workbook '
                               '(*.xlsx)", or start from the template.') % filename)
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = archive.namelist()
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise not_xlsx from None
        if 'xl/workbook.xml' not in names:
            raise not_xlsx
        if unpacked > MAX_UNPACKED_BYTES:
            raise UserError(_('%s is too large once unpacked. Please split the file.') % filename)
        try:
            book = xlrd.open_workbook(file_contents=content)
        except Exception:  # xlrd raises many kinds of errors on a damaged file; each means "cannot read it"
            _logger.info('Customer import: cannot read %s as xlsx', filename, exc_info=True)
            raise not_xlsx from None
        if not book.nsheets:
            raise not_xlsx
        return book

    def _read_header(self, sheet):
        """Row 1: {column index: column} for the columns to import and {column key: header as written}.
        Unknown, repeated and missing required headers are refused here, before any row is read."""
        if not sheet.nrows:
            raise UserError(_('The file is empty: its first sheet has no rows. Please start from the template.'))
        known = columns_by_header()
        ignored = {header_key(header) for header in RESULT_HEADERS}
        columns, headers, unknown = {}, {}, []
        for index in range(sheet.ncols):
            text = self._cell_text(sheet.cell(0, index)) or ''
            if not text.strip():
                if any(self._cell_text(cell) for cell in sheet.col_slice(index, 1)):
                    unknown.append(_('column %s (no header)') % xlsxwriter.utility.xl_col_to_name(index))
                continue
            key = header_key(text)
            if key in ignored:
                continue
            column = known.get(key)
            if not column:
                unknown.append(text.strip())
                continue
            if column.key in headers:
                raise UserError(_('The column "%s" appears twice in the file. Please keep only one.') % text.strip())
            headers[column.key] = text.strip()
            if column.usage == 'both':
                columns[index] = column
        if unknown:
            raise UserError(_('Unknown columns in the file: %(unknown)s.\nThe columns of the template are: '
                              '%(known)s.') % {
                                  'unknown': ', '.join(unknown),
                                  'known': ', '.join(template_header(column) for column in template_columns())})
        missing = [template_header(column) for column in template_columns()
                   if column.required and column.key not in headers]
        if missing:
            raise UserError(_('Required columns are missing from the file: %s. Please start from the template.')
                            % ', '.join(missing))
        return columns, headers

    def _read_rows(self, sheet, columns, headers):
        """The filled data rows (empty rows are skipped but keep the row numbers Excel shows)."""
        rows = []
        for index in range(1, sheet.nrows):
            cells = sheet.row(index)
            if not any(self._cell_text(cell) != '' for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise UserError(_('The file has more than %s customer rows. Please split it into smaller files.')
                                % MAX_ROWS)
            row = ImportRow(index + 1)
            for column_index, column in columns.items():
                cell = sheet.cell(index, column_index)
                text = self._cell_text(cell)
                if text is None:
                    row.errors.append(_('%(column)s: expected text, but the cell holds %(found)s.') % {
                        'column': headers[column.key], 'found': self._cell_type_label(cell)})
                row.texts[column.key] = text
            rows.append(row)
        if not rows:
            raise UserError(_('The file has no customers: only the header row is filled.'))
        return rows

    @api.model
    def _cell_text(self, cell):
        """The cell as text ('' when empty); None for a date, a TRUE/FALSE value or an Excel error."""
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return ''
        if cell.ctype == xlrd.XL_CELL_TEXT:
            return cell.value.strip()
        if cell.ctype == xlrd.XL_CELL_NUMBER:
            # a phone number or a code typed into a number cell: 13912345678.0 -> '13912345678'
            return str(int(cell.value)) if cell.value == int(cell.value) else str(cell.value)
        return None

    @api.model
    def _cell_type_label(self, cell):
        if cell.ctype == xlrd.XL_CELL_DATE:
            return _('a date')
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return _('a TRUE/FALSE value')
        return _('the Excel error %s') % xlrd.error_text_from_code.get(cell.value, '#?')

    # ------------------------------------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------------------------------------
    def _check_rows(self, rows, headers):
        """Fill each row's values, errors and warnings. Reads only: nothing is written here."""
        company = self.env.user.company_id
        block = company.sudo().duplicate_check_mode == 'block'
        lookups = {
            'company': company,
            'headers': headers,
            'categories': self._category_lookup(company),
            'states': self._state_lookup(company),
            'users': self._user_lookup({row.texts.get('owner') for row in rows} - {None, ''}),
            'is_ownership_manager': self.env['res.partner']._is_ownership_manager(),
        }
        required = [column for column in template_columns() if column.required]
        for row in rows:
            for key, text in row.texts.items():
                if not text:
                    continue
                parser = getattr(self, '_import_%s' % key, None)
                if parser:
                    parser(row, text, lookups)
                else:
                    row.vals[key] = text
            for column in required:
                if row.texts.get(column.key) == '':
                    row.errors.append(_('%s is required.') % headers[column.key])
        self._check_duplicates_in_file(rows, block)
        self._check_duplicates_in_database(rows, block, company)
        self._check_holding_caps(rows, lookups)

    def _category_lookup(self, company):
        """Category code or name (lower case, also the English name) -> category of the company."""
        Category = self.env['crm.customer.category']
        categories = Category.search([('company_id', '=', company.id)])
        lookup = {}
        for category in categories:
            lookup[category.name.strip().lower()] = category
        for category in categories.with_context(lang='en_US'):
            lookup.setdefault(category.name.strip().lower(), categories.browse(category.id))
        for category in categories:
            lookup[category.code.strip().lower()] = category
        return lookup

    def _state_lookup(self, company):
        """Province name (江苏省 or 江苏), code or English name -> state, of China and the company's country."""
        countries = self.env.ref('base.cn') | company.country_id
        lookup = {}
        for state in self.env['res.country.state'].search([('country_id', 'in', countries.ids)]):
            name = unicodedata.normalize('NFKC', state.name).strip()
            short = name
            for form in sorted(_REGION_FORMS, key=len, reverse=True):
                if short.endswith(form) and len(short) > len(form):
                    short = short[:-len(form)]
                    break
            for key in (name, short, state.code):
                lookup.setdefault(key.strip().lower(), state)
        return lookup

    def _user_lookup(self, logins):
        """Login (without case) -> active internal user."""
        if not logins:
            return {}
        self.env.cr.execute('SELECT id FROM res_users WHERE lower(login) = ANY(%s)',
                            [[login.lower() for login in logins]])
        users = self.env['res.users'].sudo().browse([user_id for user_id, in self.env.cr.fetchall()])
        return {user.login.lower(): user for user in users if user.active and not user.share}

    def _import_unified_credit_code(self, row, text, lookups):
        code = compact_credit_code(text)
        error = self.env['res.partner']._unified_credit_code_error(code)
        if error:
            row.errors.append(error)
        else:
            row.vals['unified_credit_code'] = code

    def _import_customer_category(self, row, text, lookups):
        category = lookups['categories'].get(text.lower())
        if category:
            row.vals['customer_category_id'] = category.id
        else:
            categories = sorted(set(lookups['categories'].values()), key=lambda c: (c.sequence, c.id))
            row.errors.append(_('Unknown customer category "%(category)s". Use the code or the name of a '
                                'category: %(known)s.') % {
                                    'category': text,
                                    'known': ', '.join('%s (%s)' % (c.code, c.name) for c in categories) or '-'})

    def _import_phone(self, row, text, lookups):
        self._import_phone_number(row, 'phone', text, lookups)

    def _import_mobile(self, row, text, lookups):
        self._import_phone_number(row, 'mobile', text, lookups)

    def _import_phone_number(self, row, key, text, lookups):
        """Digits, +86, dashes, spaces and brackets; 7 to 20 digits once normalised like the 撞单 engine does."""
        text = unicodedata.normalize('NFKC', text).strip()
        digits = normalize_phone(text)
        if not PHONE_CHARACTERS_RE.match(text) or not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
            row.errors.append(_('%(column)s: "%(phone)s" is not a phone number. Write digits, optionally with '
                                '+86, dashes or spaces, e.g. +86 25 5210 6688 or 139-1234-5678.') % {
                                    'column': lookups['headers'][key], 'phone': text})
        else:
            row.vals[key] = text

    def _import_email(self, row, text, lookups):
        if single_email_re.match(text):
            row.vals['email'] = text
        else:
            row.errors.append(_('%(column)s: "%(email)s" is not an e-mail address.') % {
                'column': lookups['headers']['email'], 'email': text})

    def _import_state(self, row, text, lookups):
        state = lookups['states'].get(unicodedata.normalize('NFKC', text).strip().lower())
        if state:
            row.vals.update(state_id=state.id, country_id=state.country_id.id)
        else:
            row.errors.append(_('Unknown province "%s". Write its name, e.g. 江苏省 or 江苏.') % text)

    def _import_owner(self, row, text, lookups):
        """The owner's login; empty = public pool. Who may be owner follows res.partner.create."""
        user = lookups['users'].get(text.lower())
        company = lookups['company']
        if not user:
            row.errors.append(_('%(column)s: there is no user with the login "%(login)s".') % {
                'column': lookups['headers']['owner'], 'login': text})
        elif not user.has_group('sales_team.group_sale_salesman'):
            row.errors.append(_('%s is not a salesperson: customers can only be given to salespeople.') % user.name)
        elif company not in user.company_ids:
            row.errors.append(_('%(user)s does not work for %(company)s.') % {
                'user': user.name, 'company': company.name})
        elif user != self.env.user and not lookups['is_ownership_manager']:
            row.errors.append(_('You may import customers only for yourself or for the public pool, not for '
                                '%s: a team lead or sales manager assigns customers.') % user.name)
        else:
            row.vals['user_id'] = user.id

    def _check_duplicates_in_file(self, rows, block):
        """Same normalised name, credit code or phone as an earlier row of the file."""
        labels = self.env['res.partner']._duplicate_reason_labels()
        first_rows = {}
        for row in rows:
            vals = row.vals
            keys = [('name', normalize_company_name(vals.get('name'))),
                    ('credit_code', vals.get('unified_credit_code'))]
            keys += [('phone', phone) for phone in sorted({normalize_phone(vals.get('phone')),
                                                           normalize_phone(vals.get('mobile'))})]
            for key in keys:
                if not key[1]:
                    continue
                if key in first_rows:
                    message = _('Same %(reason)s as row %(row)s of this file.') % {
                        'reason': labels[key[0]], 'row': first_rows[key]}
                    (row.errors if block else row.warnings).append(message)
                else:
                    first_rows[key] = row.number

    def _check_duplicates_in_database(self, rows, block, company):
        """The 撞单 engine: exact matches are errors (warnings if the company only warns), e-mail and
        similar names are warnings."""
        Partner = self.env['res.partner']
        all_matches = Partner.find_duplicates_in_bulk([row.vals for row in rows], company)
        for row, matches in zip(rows, all_matches):
            exact = [match for match in matches if match['reason'] in BLOCKING_REASONS]
            if exact and block:
                row.errors.append('\n'.join([_('This customer already exists:')]
                                            + [Partner._duplicate_match_line(match) for match in exact]))
            warned = [match for match in matches if not block or match not in exact]
            if warned:
                row.warnings.append('\n'.join([_('Possible duplicate of an existing customer:')]
                                              + [Partner._duplicate_match_line(match) for match in warned]))

    def _check_holding_caps(self, rows, lookups):
        """Customers held plus those of the file, per owner and category, within the category's cap."""
        Category = self.env['crm.customer.category']
        rows_by_cap = defaultdict(list)
        for row in rows:
            user_id, category_id = row.vals.get('user_id'), row.vals.get('customer_category_id')
            if user_id and category_id and Category.browse(category_id).max_customers_per_salesperson:
                rows_by_cap[(user_id, category_id)].append(row)
        if not rows_by_cap:
            return
        groups = self.env['res.partner'].sudo().read_group([
            ('user_id', 'in', list({user_id for user_id, __ in rows_by_cap})),
            ('customer_category_id', 'in', list({category_id for __, category_id in rows_by_cap})),
        ], ['user_id', 'customer_category_id'], ['user_id', 'customer_category_id'], lazy=False)
        held = {(group['user_id'][0], group['customer_category_id'][0]): group['__count'] for group in groups}
        for (user_id, category_id), cap_rows in rows_by_cap.items():
            category = Category.browse(category_id)
            user = self.env['res.users'].sudo().browse(user_id)
            already = held.get((user_id, category_id), 0)
            for position, row in enumerate(cap_rows, 1):
                if already + position > category.max_customers_per_salesperson:
                    row.errors.append(_(
                        'With this row %(user)s would hold %(count)s customers of category "%(category)s" '
                        '(%(held)s already and %(new)s of this file), more than the %(limit)s allowed per '
                        'salesperson.') % {
                            'user': user.name, 'count': already + position, 'category': category.name,
                            'held': already, 'new': position, 'limit': category.max_customers_per_salesperson})

    # ------------------------------------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------------------------------------
    def _create_customers(self, rows):
        """All rows or none, as the user, in one savepoint: all at once (``_create_customers_in_bulk``,
        seconds for thousands of rows). Should a rule of the model still refuse (the file passed the
        checks above), the rows are created again one by one through ``create``, to tell which row fails."""
        Partner = self.env['res.partner'].with_context(
            {key: value for key, value in self.env.context.items() if not key.startswith('default_')})
        company = self.env.user.company_id
        try:
            with self.env.cr.savepoint():
                return Partner._create_customers_in_bulk([dict(row.vals, company_id=company.id) for row in rows])
        except (UserError, ValidationError, AccessError) as error:
            _logger.info('Customer import: refused in bulk (%s), now one by one to find the row', error.name)
            self.env.clear()
        return self._create_customers_one_by_one(rows)

    def _create_customers_one_by_one(self, rows):
        """Through ``create`` as the user, in one savepoint. A rule of the model that refuses a row
        becomes that row's error."""
        context = {key: value for key, value in self.env.context.items() if not key.startswith('default_')}
        # no "created" note on each customer and the importer does not follow them all (the owner does:
        # auto-subscribed as salesperson); a third of the time of a create, which is most of an import
        context.update(mail_create_nolog=True, mail_create_nosubscribe=True)
        Partner = self.env['res.partner'].with_context(context)
        company = self.env.user.company_id
        partners = Partner.browse()
        current = None
        try:
            with self.env.cr.savepoint():
                for current in rows:
                    vals = dict(current.vals, is_company=True, customer=True, company_id=company.id)
                    partners |= Partner.create(vals)
        except (UserError, ValidationError, AccessError) as error:
            self.env.clear()
            current.errors.append(error.name)
            return Partner.browse()
        return partners

    def _write_result(self, book, sheet, rows, partners):
        error_rows = [row for row in rows if row.errors]
        warnings = [(row, warning) for row in rows for warning in row.warnings]
        if error_rows:
            summary = _('Nothing was imported: %(errors)s of %(rows)s rows have errors. Download the checked '
                        'file below: its column "%(column)s" says what to correct in each row. Correct the rows '
                        'and import the file again.') % {
                            'errors': len(error_rows), 'rows': len(rows), 'column': ERROR_HEADER}
            listed = [(row, error) for row in error_rows for error in row.errors]
        else:
            summary = _('%s customers imported.') % len(partners)
            listed = warnings
        lines = [summary]
        if listed:
            lines.append('')
            lines += [_('Row %(row)s: %(message)s') % {'row': row.number, 'message': message}
                      for row, message in listed[:MAX_LISTED_MESSAGES]]
            if len(listed) > MAX_LISTED_MESSAGES:
                lines.append(_('… and %s more, see the checked file.') % (len(listed) - MAX_LISTED_MESSAGES))
        values = {
            'state': 'result',
            'row_count': len(rows),
            'imported_count': len(partners),
            'error_row_count': len(error_rows),
            'warning_count': len(warnings),
            'result_message': '\n'.join(lines),
            'imported_partner_ids': [(6, 0, partners.ids)],
            'result_file': False,
            'result_filename': False,
        }
        if error_rows or warnings:
            stem = os.path.splitext(self.import_filename or '')[0] or _('Customers')
            values.update(result_file=base64.b64encode(self._result_content(book, sheet, rows)),
                          result_filename=_('%s (checked).xlsx') % stem)
        self.write(values)

    def _result_content(self, book, sheet, rows):
        """The uploaded sheet again, with an error column (and a warning column if there are warnings)
        after the last one, or in place of those of an earlier check."""
        headers = [header_key(self._cell_text(cell) or '') for cell in sheet.row(0)]
        error_index = self._result_column(headers, ERROR_HEADER, sheet.ncols)
        warning_index = None
        if any(row.warnings for row in rows):
            warning_index = self._result_column(headers, WARNING_HEADER, max(sheet.ncols, error_index + 1))
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {'in_memory': True})
        worksheet = workbook.add_worksheet(sheet.name)
        header_format = workbook.add_format({'bold': True})
        date_format = workbook.add_format({'num_format': 'yyyy-mm-dd'})
        error_format = workbook.add_format({'font_color': '#C00000', 'text_wrap': True, 'valign': 'top'})
        warning_format = workbook.add_format({'font_color': '#9C5700', 'text_wrap': True, 'valign': 'top'})
        for row_index in range(sheet.nrows):
            for column_index, cell in enumerate(sheet.row(row_index)):
                if column_index in (error_index, warning_index):
                    continue
                cell_format = header_format if row_index == 0 else None
                if cell.ctype == xlrd.XL_CELL_TEXT:
                    worksheet.write_string(row_index, column_index, cell.value, cell_format)
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    worksheet.write_number(row_index, column_index, cell.value, cell_format)
                elif cell.ctype == xlrd.XL_CELL_DATE:
                    worksheet.write_number(row_index, column_index, cell.value, date_format)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    worksheet.write_boolean(row_index, column_index, bool(cell.value), cell_format)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    worksheet.write_string(row_index, column_index,
                                           xlrd.error_text_from_code.get(cell.value, '#?'), cell_format)
        worksheet.set_column(0, max(sheet.ncols - 1, 0), 18)
        worksheet.write_string(0, error_index, ERROR_HEADER, header_format)
        worksheet.set_column(error_index, error_index, 60)
        if warning_index is not None:
            worksheet.write_string(0, warning_index, WARNING_HEADER, header_format)
            worksheet.set_column(warning_index, warning_index, 60)
        for row in rows:
            if row.errors:
                worksheet.write_string(row.number - 1, error_index, '\n'.join(row.errors), error_format)
            if row.warnings and warning_index is not None:
                worksheet.write_string(row.number - 1, warning_index, '\n'.join(row.warnings), warning_format)
        worksheet.freeze_panes(1, 0)
        workbook.close()
        return output.getvalue()

    @api.model
    def _result_column(self, headers, header, default):
        key = header_key(header)
        return headers.index(key) if key in headers else default

    # ------------------------------------------------------------------------------------------------
    # Template
    # ------------------------------------------------------------------------------------------------
    @api.model
    def _template_column_notes(self):
        """What to write in each column, for the instructions sheet of the template."""
        return {
            'name': _('Required. The full registered name of the company.'),
            'unified_credit_code': _('The 18-character code on the business licence; checked with its check '
                                     'character.'),
            'customer_category': _('The code or the name of a customer category (listed below).'),
            'phone': _('Digits, optionally with +86, dashes or spaces: 7 to 20 digits.'),
            'mobile': _('Digits, optionally with +86, dashes or spaces: 7 to 20 digits.'),
            'email': _('An e-mail address.'),
            'state': _('The province, e.g. 江苏省 or 江苏.'),
            'city': _('The city.'),
            'street': _('Street and number.'),
            'owner': _('The login of the salesperson who owns the customer. Empty: the customer goes to the '
                       'public pool. Salespeople may only import for themselves or the pool.'),
            'comment': _('Any note about the customer.'),
        }

    @api.model
    def _template_content(self):
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {'in_memory': True})
        sheet = workbook.add_worksheet(_('Customers'))
        styles = xlsx_formats(workbook)
        header_format = styles['header']
        required_format = workbook.add_format(dict(FORMATS['header'], font_color='#C00000'))
        # text cells, so that Excel keeps phone numbers and codes as typed
        text_format = styles['text']
        columns = template_columns()
        for index, column in enumerate(columns):
            sheet.write_string(0, index, template_header(column),
                               required_format if column.required else header_format)
            sheet.set_column(index, index, 30 if column.key in ('name', 'street', 'comment') else 18, text_format)
        sheet.freeze_panes(1, 0)

        notes_sheet = workbook.add_worksheet(_('Instructions'))
        bold, wrap = styles['bold'], styles['wrap']
        notes_sheet.set_column(0, 0, 22)
        notes_sheet.set_column(1, 1, 90)
        notes = self._template_column_notes()
        lines = [
            _('Fill in one customer per row on the first sheet and keep the header row. Columns marked * are '
              'required. All rows are checked before anything is imported: if a row has an error, nothing is '
              'imported and you get the file back with a column "%s" explaining each problem.') % ERROR_HEADER,
            _('At most %(rows)s rows and %(size)s MB per file.') % {
                'rows': MAX_ROWS, 'size': MAX_FILE_BYTES // 1024 // 1024},
        ]
        row_index = 0
        for line in lines:
            notes_sheet.merge_range(row_index, 0, row_index, 1, line, wrap)
            notes_sheet.set_row(row_index, 45)
            row_index += 1
        row_index += 1
        notes_sheet.write_string(row_index, 0, _('Column'), bold)
        notes_sheet.write_string(row_index, 1, _('What to write'), bold)
        for column in columns:
            row_index += 1
            notes_sheet.write_string(row_index, 0, template_header(column))
            notes_sheet.write_string(row_index, 1, notes.get(column.key, ''), wrap)
        row_index += 2
        notes_sheet.write_string(row_index, 0, _('Category code'), bold)
        notes_sheet.write_string(row_index, 1, _('Category name'), bold)
        categories = self.env['crm.customer.category'].search([('company_id', '=', self.env.user.company_id.id)])
        for category in categories:
            row_index += 1
            notes_sheet.write_string(row_index, 0, category.code)
            notes_sheet.write_string(row_index, 1, category.name)
        workbook.close()
        return output.getvalue()
