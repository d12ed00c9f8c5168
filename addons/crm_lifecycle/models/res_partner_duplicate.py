from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .duplicate_normalize import (compact_credit_code, credit_code_problem, normalize_company_name,
                                  normalize_email, normalize_phone)
from .trusted_context import trusted_flag

# Context key that turns the 撞单 check off. Only for data migrations and demo data that knowingly
# load duplicates, as the superuser (trusted_context): business code and imports go through the check.
SKIP_DUPLICATE_CHECK = 'crm_skip_duplicate_check'

# Writing one of these on a customer runs the check again.
DUPLICATE_RELEVANT_FIELDS = {
    'name', 'phone', 'mobile', 'email', 'unified_credit_code', 'is_company', 'customer', 'company_id', 'active'}

# Exact matches on these block (when the company says so); e-mail and fuzzy name matches only warn.
BLOCKING_REASONS = ('credit_code', 'name', 'phone')
REASON_ORDER = ('credit_code', 'name', 'phone', 'email', 'fuzzy_name')
MAX_FUZZY_CANDIDATES = 10
MAX_EXACT_MATCHES = 50
TRIGRAM_INDEX = 'res_partner_name_normalized_trgm_idx'


class ResPartner(models.Model):
    """撞单: one engine that finds the customers a new or changed customer duplicates.

    ``find_duplicates`` (lookups only) and ``check_duplicates`` (lookups + the company's block/warn
    rule) are the public methods; create and write of customers, the Excel import and the lead
    conversion of later modules all go through them.
    """
    _inherit = 'res.partner'

    unified_credit_code = fields.Char(
        'Unified Social Credit Code', index=True, copy=False, track_visibility='onchange',
        help='统一社会信用代码: the 18-character registration number of a Chinese organisation '
             '(GB 32100-2015), checked with its check character.')
    name_normalized = fields.Char(
        'Normalized Name', compute='_compute_duplicate_keys', store=True, index=True,
        help='Company name without width, case, spaces, punctuation, company form and leading region, '
             'as the duplicate check compares it.')
    phone_normalized = fields.Char('Normalized Phone', compute='_compute_duplicate_keys', store=True, index=True)
    mobile_normalized = fields.Char('Normalized Mobile', compute='_compute_duplicate_keys', store=True, index=True)
    email_normalized = fields.Char('Normalized E-mail', compute='_compute_duplicate_keys', store=True, index=True)

    @api.model_cr
    def init(self):
        # Fuzzy names: trigram similarity on the normalised name, served by a GIN index. The customer search
        # (display name or e-mail containing the text, what the search box and many2one fields look for) gets
        # one per column too: at a million customers a substring search was a sequential scan of 0.75 s.
        # Dropped with the column when the module is uninstalled; the extension stays (others may use it).
        self.env.cr.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        for index, column in ((TRIGRAM_INDEX, 'name_normalized'), ('res_partner_display_name_trgm_idx', 'display_name'),
                              ('res_partner_email_trgm_idx', 'email')):
            self._trigram_index(index, column)

    def _trigram_index(self, index, column):
        """A GIN trigram index without fastupdate: PostgreSQL would queue the new customers' values in the
        index's pending list until the next vacuum, and every lookup reads the whole list (after an import of
        10,000 customers, lookups took ten times as long)."""
        cr = self.env.cr
        cr.execute('CREATE INDEX IF NOT EXISTS {index} ON res_partner USING gin '
                   '({column} gin_trgm_ops) WITH (fastupdate = off)'.format(index=index, column=column))
        cr.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [index])
        if 'fastupdate=off' not in (cr.fetchone()[0] or []):  # an index made by an earlier version
            cr.execute('ALTER INDEX {index} SET (fastupdate = off)'.format(index=index))
            cr.execute('SELECT gin_clean_pending_list(%s::regclass)', [index])

    @api.model
    def _commercial_fields(self):
        # contacts carry their company's code, like the VAT number
        return super()._commercial_fields() + ['unified_credit_code']

    @api.depends('name', 'phone', 'mobile', 'email')
    def _compute_duplicate_keys(self):
        for partner in self:
            partner.name_normalized = normalize_company_name(partner.name) or False
            partner.phone_normalized = normalize_phone(partner.phone) or False
            partner.mobile_normalized = normalize_phone(partner.mobile) or False
            partner.email_normalized = normalize_email(partner.email) or False

    @api.constrains('unified_credit_code')
    def _check_unified_credit_code(self):
        for partner in self.filtered('unified_credit_code'):
            message = self._unified_credit_code_error(partner.unified_credit_code)
            if message:
                raise ValidationError(message)

    @api.model
    def _unified_credit_code_error(self, code):
        """Why ``code`` is not a valid 统一社会信用代码, in the user's language; None when it is valid.
        The constraint above and the Excel import both ask here."""
        messages = {
            'length': _('The Unified Social Credit Code "%s" is not valid: it must have 18 characters.'),
            'format': _('The Unified Social Credit Code "%s" is not valid: it has characters that cannot '
                        'appear in such a code.'),
            'checksum': _('The Unified Social Credit Code "%s" is not valid: its check character (the last '
                          'one) is wrong. Please check the code on the business licence.'),
        }
        problem = credit_code_problem(code)
        return messages[problem] % code if problem else None

    # ------------------------------------------------------------------------------------------------
    # The engine
    # ------------------------------------------------------------------------------------------------
    @api.model
    def find_duplicates(self, vals, exclude_ids=None):
        """Customers that ``vals`` (name, phone, mobile, email, unified_credit_code, company_id; raw
        values as a user types them) would duplicate, best match first.

        Returns a list of dicts ``{partner_id, name, owner, owner_id, reason, score}``: ``owner`` is the
        owner's name, ``owner_id`` his user id, both None in the public pool; ``reason`` is the strongest
        of 'credit_code', 'name', 'phone', 'email' (exact matches, score 1.0) or 'fuzzy_name' (trigram
        similarity of the normalised names at or above the company's threshold, score = similarity).
        One dict per customer.

        Only active companies marked as customer are matched, of the same company or shared,
        never ``exclude_ids``. Runs in SQL, so the caller's access rights do not hide a colleague's
        customer; the result only tells names and owners.
        """
        return self.find_duplicates_in_bulk([vals], self._duplicate_company(vals), exclude_ids=exclude_ids)[0]

    @api.model
    def find_duplicates_in_bulk(self, vals_list, company, exclude_ids=None):
        """``find_duplicates`` of each of ``vals_list`` against the customers of ``company`` (an empty
        recordset: of all companies), in one query: the Excel import checks a whole file at once.
        Each similar-name lookup still uses the trigram index: the cost of a file is that of its names."""
        results = [[] for __ in vals_list]
        columns = {'name': [], 'code': [], 'email': [], 'phone': [], 'mobile': []}
        for vals in vals_list:
            columns['name'].append(normalize_company_name(vals.get('name')) or None)
            columns['code'].append(compact_credit_code(vals.get('unified_credit_code')) or None)
            columns['email'].append(normalize_email(vals.get('email')) or None)
            columns['phone'].append(normalize_phone(vals.get('phone')) or None)
            columns['mobile'].append(normalize_phone(vals.get('mobile')) or None)
        if not any(value for values in columns.values() for value in values):
            return results
        # the company's settings are not secret, even to a user of another company
        threshold = (company or self.env.user.company_id).sudo().duplicate_similarity_threshold
        params = dict(columns, indexes=list(range(len(vals_list))), company_id=company.id if company else None,
                      exclude_ids=list(exclude_ids or []) or [0], threshold=str(threshold),
                      max_exact=MAX_EXACT_MATCHES, limit=MAX_FUZZY_CANDIDATES)
        scope = ('p.is_company AND p.customer AND p.active AND p.id != ALL(%(exclude_ids)s) '
                 'AND (%(company_id)s IS NULL OR p.company_id IS NULL OR p.company_id = %(company_id)s)')
        # One round trip, and a plan PostgreSQL makes quickly (the 撞单 check runs on every save of a
        # customer): per input row, the exact matches through one OR of the b-tree indexes, the similar
        # names ('%' uses the trigram GIN index at the company's threshold, set for this transaction
        # only), then the owners' names.
        self.env.cr.execute("""
            SELECT set_config('pg_trgm.similarity_threshold', %(threshold)s, true);
            SELECT input.row_index, found.id, found.name, found.user_id, owner.name, found.score, found.reason
              FROM unnest(%(indexes)s::int[], %(name)s::varchar[], %(code)s::varchar[], %(email)s::varchar[],
                          %(phone)s::varchar[], %(mobile)s::varchar[])
                   AS input(row_index, name, code, email, phone, mobile)
             CROSS JOIN LATERAL (
                   (SELECT p.id, p.name, p.user_id, 1.0 AS score,
                           CASE WHEN p.unified_credit_code = input.code THEN 0
                                WHEN p.name_normalized = input.name THEN 1
                                WHEN p.phone_normalized IN (input.phone, input.mobile)
                                     OR p.mobile_normalized IN (input.phone, input.mobile) THEN 2
                                ELSE 3 END AS reason
                      FROM res_partner p
                     WHERE (p.unified_credit_code = input.code OR p.name_normalized = input.name
                            OR p.phone_normalized IN (input.phone, input.mobile)
                            OR p.mobile_normalized IN (input.phone, input.mobile)
                            OR p.email_normalized = input.email) AND {scope}
                     ORDER BY p.id
                     LIMIT %(max_exact)s)
                   UNION ALL
                   (SELECT p.id, p.name, p.user_id, similarity(p.name_normalized, input.name), 4
                      FROM res_partner p
                     WHERE input.name IS NOT NULL AND p.name_normalized %% input.name AND {scope}
                     ORDER BY 4 DESC, p.id
                     LIMIT %(limit)s)) found
              LEFT JOIN res_users u ON u.id = found.user_id
              LEFT JOIN res_partner owner ON owner.id = u.partner_id""".format(scope=scope), params)
        found = defaultdict(dict)  # row index -> partner id -> match; an exact match wins over the fuzzy one
        for row_index, partner_id, partner_name, owner_id, owner_name, score, reason_index in self.env.cr.fetchall():
            matches = found[row_index]
            if partner_id in matches and matches[partner_id]['reason'] != 'fuzzy_name':
                continue
            matches[partner_id] = {
                'partner_id': partner_id, 'name': partner_name, 'owner': owner_name, 'owner_id': owner_id,
                'reason': REASON_ORDER[reason_index], 'score': 1.0 if reason_index < 4 else round(score, 2),
            }
        for row_index, matches in found.items():
            results[row_index] = sorted(matches.values(), key=lambda match: (
                REASON_ORDER.index(match['reason']), -match['score'], match['partner_id']))
        return results

    @api.model
    def check_duplicates(self, vals, exclude_ids=None):
        """``find_duplicates`` plus the company's rule: in 'block' mode an exact match on credit code,
        normalised name or phone raises a UserError naming the existing customer and its owner (or the
        public pool). Otherwise returns the matches, for the caller to show as a warning."""
        matches = self.find_duplicates(vals, exclude_ids=exclude_ids)
        blocking = [match for match in matches if match['reason'] in BLOCKING_REASONS]
        company = self._duplicate_company(vals) or self.env.user.company_id
        if blocking and company.sudo().duplicate_check_mode == 'block':
            raise UserError('\n'.join(
                [_('This customer already exists:')]
                + [self._duplicate_match_line(match) for match in blocking]
                + [_('Ask the owner or your sales manager, or claim the customer from the public pool, '
                     'instead of entering it again.')]))
        return matches

    @api.model
    def _duplicate_company(self, vals):
        """The company whose customers are compared: the one in ``vals``, else the user's; an empty
        company (shared customer) compares with all companies and gives an empty recordset."""
        if 'company_id' in vals:
            return self.env['res.company'].browse(vals['company_id'] or [])
        return self.env.user.company_id

    @api.model
    def _duplicate_reason_labels(self):
        return {
            'credit_code': _('Unified Social Credit Code'),
            'name': _('company name'),
            'phone': _('phone number'),
            'email': _('e-mail address'),
            'fuzzy_name': _('similar name'),
        }

    @api.model
    def _duplicate_match_line(self, match):
        values = {
            'customer': match['name'],
            'reason': self._duplicate_reason_labels()[match['reason']],
            'owner': match['owner'],
            'score': '%d%%' % round(match['score'] * 100),
        }
        if match['reason'] == 'fuzzy_name':
            if match['owner']:
                return _('- %(customer)s (similarity %(score)s), owned by %(owner)s') % values
            return _('- %(customer)s (similarity %(score)s), in the public pool') % values
        if match['owner']:
            return _('- %(customer)s has the same %(reason)s and is owned by %(owner)s') % values
        return _('- %(customer)s has the same %(reason)s and is in the public pool') % values

    # ------------------------------------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get('unified_credit_code'):
            vals = dict(vals, unified_credit_code=compact_credit_code(vals['unified_credit_code']))
        partner = super().create(vals)
        partner._check_duplicate_customers()
        return partner

    @api.multi
    def write(self, vals):
        if vals.get('unified_credit_code'):
            vals = dict(vals, unified_credit_code=compact_credit_code(vals['unified_credit_code']))
        result = super().write(vals)
        if DUPLICATE_RELEVANT_FIELDS.intersection(vals):
            self._check_duplicate_customers()
        return result

    @api.multi
    def _duplicate_check_values(self):
        self.ensure_one()
        return {
            'name': self.name, 'phone': self.phone, 'mobile': self.mobile, 'email': self.email,
            'unified_credit_code': self.unified_credit_code, 'company_id': self.company_id.id,
        }

    @api.multi
    def _check_duplicate_customers(self):
        """Run after the customer is written, so that customers written together are compared with
        each other too. In warn mode an exact match leaves a note on the customer instead."""
        if trusted_flag(self.env, SKIP_DUPLICATE_CHECK):
            return
        for partner in self.filtered(lambda p: p.is_company and p.customer and p.active):
            matches = partner.check_duplicates(partner._duplicate_check_values(), exclude_ids=partner.ids)
            exact = [match for match in matches if match['reason'] in BLOCKING_REASONS]
            if exact:
                partner.message_post(
                    body='<br/>'.join([_('Possible duplicate of an existing customer:')]
                                      + [self._duplicate_match_line(match) for match in exact]),
                    subtype='mail.mt_note')

    @api.onchange('name', 'phone', 'mobile', 'email', 'unified_credit_code', 'is_company', 'customer')
    def _onchange_duplicate_customers(self):
        """Warn while typing: exact matches (that will be refused or noted on save) and similar names."""
        searched = self.name or self.phone or self.mobile or self.email or self.unified_credit_code
        if not (self.is_company and self.customer and searched):
            return {}
        origin = getattr(self, '_origin', self.browse())
        vals = self._duplicate_check_values()
        vals['company_id'] = self.company_id.id
        matches = self.find_duplicates(vals, exclude_ids=origin.ids)
        if not matches:
            return {}
        return {'warning': {
            'title': _('Possible duplicate customers'),
            'message': '\n'.join([_('These customers look like the one you are entering:')]
                                 + [self._duplicate_match_line(match) for match in matches]),
        }}
