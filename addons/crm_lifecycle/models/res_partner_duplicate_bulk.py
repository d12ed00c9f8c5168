import logging
from collections import defaultdict

import psycopg2

from odoo import api, models

from .duplicate_normalize import compact_credit_code, normalize_company_name, normalize_email, normalize_phone
from .res_partner_duplicate import MAX_FUZZY_CANDIDATES, REASON_ORDER

_logger = logging.getLogger(__name__)

# find_duplicates keeps the first 50 exact matches (by id) of one customer
MAX_EXACT_MATCHES = 50
# the GIN index of the similar names (res_partner_duplicate.init)
TRIGRAM_INDEX = 'res_partner_name_normalized_trgm_idx'


class ResPartner(models.Model):
    """撞单 for many customers at once (the Excel import): ``find_duplicates`` of each, in two queries."""
    _inherit = 'res.partner'

    @api.model
    def find_duplicates_in_bulk(self, vals_list, company):
        """``[find_duplicates(dict(vals, company_id=company.id)) for vals in vals_list]``, the same matches
        in the same order, with one query for the exact matches of all and one for the similar names
        (each name still looks up the trigram index: the cost of a file is that of its names)."""
        results = [[] for __ in vals_list]
        names, codes, emails, phone_rows, phones = [], [], [], [], []
        for index, vals in enumerate(vals_list):
            names.append(normalize_company_name(vals.get('name')) or None)
            codes.append(compact_credit_code(vals.get('unified_credit_code')) or None)
            emails.append(normalize_email(vals.get('email')) or None)
            for phone in {normalize_phone(vals.get('phone')), normalize_phone(vals.get('mobile'))} - {''}:
                phone_rows.append(index)
                phones.append(phone)
        if not any(names + codes + emails + phones):
            return results
        params = {
            'indexes': list(range(len(vals_list))), 'names': names, 'codes': codes, 'emails': emails,
            'phone_rows': phone_rows, 'phones': phones, 'company_id': company.id if company else None,
            'threshold': str((company or self.env.user.company_id).sudo().duplicate_similarity_threshold),
            'limit': MAX_FUZZY_CANDIDATES,
        }
        scope = ('p.is_company AND p.customer AND p.active '
                 'AND (%(company_id)s IS NULL OR p.company_id IS NULL OR p.company_id = %(company_id)s)')
        # One arm per exact reason, each joining its b-tree index; the strongest reason of a customer wins.
        self.env.cr.execute("""
            WITH input AS (
                SELECT * FROM unnest(%(indexes)s::int[], %(names)s::varchar[], %(codes)s::varchar[],
                                     %(emails)s::varchar[]) AS input(row_index, name, code, email)
            ), input_phone AS (
                SELECT * FROM unnest(%(phone_rows)s::int[], %(phones)s::varchar[]) AS input_phone(row_index, phone)
            ), exact AS (
                SELECT input.row_index, p.id, 0 AS reason FROM input
                  JOIN res_partner p ON p.unified_credit_code = input.code WHERE {scope}
                UNION ALL
                SELECT input.row_index, p.id, 1 FROM input
                  JOIN res_partner p ON p.name_normalized = input.name WHERE {scope}
                UNION ALL
                SELECT input_phone.row_index, p.id, 2 FROM input_phone
                  JOIN res_partner p ON p.phone_normalized = input_phone.phone WHERE {scope}
                UNION ALL
                SELECT input_phone.row_index, p.id, 2 FROM input_phone
                  JOIN res_partner p ON p.mobile_normalized = input_phone.phone WHERE {scope}
                UNION ALL
                SELECT input.row_index, p.id, 3 FROM input
                  JOIN res_partner p ON p.email_normalized = input.email WHERE {scope}
            ), best AS (
                SELECT row_index, id, MIN(reason) AS reason,
                       ROW_NUMBER() OVER (PARTITION BY row_index ORDER BY id) AS position
                  FROM exact GROUP BY row_index, id
            )
            SELECT best.row_index, p.id, p.name, owner.name, 1.0, best.reason
              FROM best
              JOIN res_partner p ON p.id = best.id
              LEFT JOIN res_users u ON u.id = p.user_id
              LEFT JOIN res_partner owner ON owner.id = u.partner_id
             WHERE best.position <= %(max_exact)s""".format(scope=scope), dict(params, max_exact=MAX_EXACT_MATCHES))
        rows = self.env.cr.fetchall()
        if any(names):
            self._flush_name_index_pending_list()
            self.env.cr.execute("""
                SELECT set_config('pg_trgm.similarity_threshold', %(threshold)s, true);
                SELECT input.row_index, fuzzy.id, fuzzy.name, owner.name, fuzzy.score, 4
                  FROM unnest(%(indexes)s::int[], %(names)s::varchar[]) AS input(row_index, name)
                 CROSS JOIN LATERAL (
                        SELECT p.id, p.name, p.user_id, similarity(p.name_normalized, input.name) AS score
                          FROM res_partner p
                         WHERE p.name_normalized %% input.name AND {scope}
                         ORDER BY score DESC, p.id
                         LIMIT %(limit)s) fuzzy
                  LEFT JOIN res_users u ON u.id = fuzzy.user_id
                  LEFT JOIN res_partner owner ON owner.id = u.partner_id
                 WHERE input.name IS NOT NULL""".format(scope=scope), params)
            rows += self.env.cr.fetchall()
        found = defaultdict(dict)  # row index -> partner id -> match; an exact match wins over the fuzzy one
        for row_index, partner_id, partner_name, owner_name, score, reason_index in rows:
            matches = found[row_index]
            if partner_id in matches and matches[partner_id]['reason'] != 'fuzzy_name':
                continue
            matches[partner_id] = {
                'partner_id': partner_id, 'name': partner_name, 'owner': owner_name,
                'reason': REASON_ORDER[reason_index], 'score': 1.0 if reason_index < 4 else round(score, 2),
            }
        for row_index, matches in found.items():
            results[row_index] = sorted(matches.values(), key=lambda match: (
                REASON_ORDER.index(match['reason']), -match['score'], match['partner_id']))
        return results

    def _flush_name_index_pending_list(self):
        """Move the names inserted lately into the trigram index proper. PostgreSQL queues the entries of
        new rows in a GIN index's pending list until the next vacuum, and each similarity search reads
        the whole list: after an import of 10,000 customers a file's searches would take ten times as long."""
        self.env.cr.execute("SELECT to_regclass(%s)", [TRIGRAM_INDEX])
        if not self.env.cr.fetchone()[0]:
            return
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("SELECT gin_clean_pending_list(%s::regclass)", [TRIGRAM_INDEX],
                                    log_exceptions=False)
        except psycopg2.Error:
            _logger.info('Cannot flush the pending list of %s', TRIGRAM_INDEX, exc_info=True)
