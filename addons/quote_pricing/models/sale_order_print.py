from odoo import api, fields, models

QUOTE_PRINT_TEMPLATES = [
    ('standard', 'Standard'),
    ('images', 'With Product Images'),
    ('no_prices', 'Without Unit Prices'),
]
QUOTE_PRINT_LANGS = [
    ('partner', "Customer's Language"),
    ('zh_CN', 'Chinese'),
    ('en_US', 'English'),
]


class SaleOrder(models.Model):
    """The printed quotation (report ``quote_pricing.report_quotation``): its layout and language."""
    _inherit = 'sale.order'

    quote_print_template = fields.Selection(
        QUOTE_PRINT_TEMPLATES, 'Print Template', required=True, default='standard',
        help='Standard: all columns. With Product Images: a picture of each product. '
             'Without Unit Prices: no unit price and discount columns, line amounts and totals only.')
    quote_print_lang = fields.Selection(
        QUOTE_PRINT_LANGS, 'Print Language', required=True, default='partner',
        help="The language of the printed quotation: the customer's language, or Chinese or English.")

    def _quote_print_lang_code(self):
        self.ensure_one()
        if self.quote_print_lang != 'partner':
            return self.quote_print_lang
        return self.partner_id.lang or self.env.context.get('lang') or 'zh_CN'

    def quote_amount_in_words(self, lang=None):
        """The total in words in the language of the print: 人民币…元…角…分 in Chinese for renminbi,
        English words otherwise (num2words has no Chinese)."""
        self.ensure_one()
        lang = lang or self._quote_print_lang_code()
        currency = self.currency_id
        if not currency:
            return ''
        if lang.startswith('zh') and currency.name == 'CNY':
            return '人民币' + currency.amount_to_text_cn(self.amount_total)
        return currency.amount_to_text_en(self.amount_total)

    @api.multi
    def print_quotation(self):
        """The *Print* button prints this module's quotation instead of Odoo's. A printed quotation goes to the
        customer as a sent one does: the same price rules first."""
        self.filtered(lambda order: order.state in ('draft', 'sent'))._check_price_rules()
        self.filtered(lambda order: order.state == 'draft').write({'state': 'sent'})
        return self.env.ref('quote_pricing.action_report_quotation').report_action(self)
