import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

try:
    import cn2an
except ImportError:  # pragma: no cover - declared in external_dependencies
    _logger.debug('Cannot import cn2an')


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
