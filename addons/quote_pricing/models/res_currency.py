import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

try:
    import cn2an
except ImportError:  # pragma: no cover - declared in external_dependencies
    _logger.debug('Cannot import cn2an')

try:
    from num2words import num2words
except ImportError:  # pragma: no cover - required by Odoo itself
    _logger.debug('Cannot import num2words')


class ResCurrency(models.Model):
    _inherit = 'res.currency'

    @api.multi
    def amount_to_text_cn(self, amount):
        """Amount in Chinese capital numerals (大写金额), e.g. 1234.56 -> 壹仟贰佰叁拾肆元伍角陆分.

        Only meaningful for renminbi: the words say 元/角/分. Other currencies get an empty string.
        """
        self.ensure_one()
        if self.name != 'CNY':
            return ''
        return cn2an.an2cn('%.2f' % self.round(amount), 'rmb')

    @api.multi
    def amount_to_text_en(self, amount):
        """Amount in English words, e.g. 12345.67 CNY -> Twelve thousand, three hundred and forty-five yuan
        and sixty-seven fen.

        Odoo's ``amount_to_text`` title-cases every word ("… Forty-Five Yuan and Sixty-Seven Fen") and
        follows the user's language (Chinese falls back to English): printed quotations want a sentence.
        The units are the currency's unit labels (Yuan/Fen for CNY), else its code and "cents".
        """
        self.ensure_one()
        self = self.with_context(lang='en_US')
        cents_per_unit = 10 ** self.decimal_places
        total_cents = int(round(self.round(amount) * cents_per_unit))
        integer_value, fractional_value = divmod(abs(total_cents), cents_per_unit)
        unit = self.currency_unit_label.lower() if self.currency_unit_label else self.name
        words = '%s %s' % (num2words(integer_value, lang='en'), unit)
        if fractional_value:
            subunit = self.currency_subunit_label.lower() if self.currency_subunit_label else 'cents'
            words += ' and %s %s' % (num2words(fractional_value, lang='en'), subunit)
        if total_cents < 0:
            words = 'minus ' + words
        return words[0].upper() + words[1:]
