import xlrd

from .common import ReturnCase


class TestReturnReports(ReturnCase):

    def _received(self, quantity):
        request = self._approved_return(quantity)
        request.sudo(self.agent).action_receive()
        return request

    def test_return_analysis(self):
        self._received(2)
        self._return(3)
        Report = self.env['aftersales.return.report'].sudo(self.aftersales_manager)
        groups = Report.read_group([('product_id', '=', self.product.id)],
                                   ['state', 'quantity', 'amount', 'return_count'], ['state'], lazy=False)
        by_state = {group['state']: group for group in groups}
        self.assertEqual(by_state['received']['quantity'], 2.0)
        self.assertEqual(by_state['received']['amount'], 5650.0)
        self.assertEqual(by_state['draft']['quantity'], 3.0)
        self.assertEqual(by_state['draft']['return_count'], 1)
        by_salesperson = Report.read_group([('product_id', '=', self.product.id)], ['salesperson_id', 'quantity'],
                                           ['salesperson_id'], lazy=False)
        self.assertEqual([(g['salesperson_id'][0], g['quantity']) for g in by_salesperson],
                         [(self.salesperson.id, 5.0)])

    def test_return_rate_per_product(self):
        self._received(2)
        Rate = self.env['aftersales.return.rate.report'].sudo(self.aftersales_manager)
        group = Rate.read_group([('product_id', '=', self.product.id)],
                                ['product_id', 'return_rate'], ['product_id'], lazy=False)[0]
        self.assertEqual(group['delivered_qty'], 10.0)
        self.assertEqual(group['returned_qty'], 2.0)
        self.assertAlmostEqual(group['return_rate'], 20.0)

    def test_xlsx_as_the_user(self):
        self._received(2)
        self._return(1, user=self.aftersales_manager)

        def workbook(user):
            wizard = self.env['aftersales.return.report.wizard'].sudo(user).create({})
            content, file_type = self.env.ref('aftersales_returns.aftersales_return_report_xlsx').sudo(user).render(
                wizard.ids)
            self.assertEqual(file_type, 'xlsx')
            book = xlrd.open_workbook(file_contents=content)
            return {sheet.name: [cell.value for row in range(sheet.nrows) for cell in sheet.row(row)]
                    for sheet in book.sheets()}
        sheets = workbook(self.aftersales_manager)
        self.assertEqual(sorted(sheets), sorted(['By Reason', 'By Status', 'By Product', 'By Customer',
                                                 'By Salesperson', 'By Month', 'Return Rate']))
        self.assertIn(self.reason.name, sheets['By Reason'])
        self.assertIn(3.0, sheets['By Reason'], 'both requests of the manager')
        self.assertIn(20.0, sheets['Return Rate'])
        own = workbook(self.agent)
        self.assertIn(2.0, own['By Product'])
        self.assertNotIn(3.0, own['By Product'], "the manager's own request is not the agent's")
