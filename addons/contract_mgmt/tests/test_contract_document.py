import base64

from odoo.exceptions import AccessError, UserError

from .common import ContractCase

SECRET = '底价测算：成本1900元'.encode()


class TestContractDocument(ContractCase):

    @classmethod
    def setUpClass(cls):
        super(TestContractDocument, cls).setUpClass()
        cls.contract = cls._draft_contract()
        Document = cls.env['sale.contract.document'].sudo(cls.salesperson)
        cls.scan = Document.create({
            'contract_id': cls.contract.id, 'file': base64.b64encode('盖章扫描件'.encode()),
            'file_name': '合同扫描件.pdf'})
        cls.secret = Document.create({
            'contract_id': cls.contract.id, 'name': '底价测算表', 'file': base64.b64encode(SECRET),
            'file_name': '底价.xlsx', 'confidential': True})

    def _visible(self, user):
        return self.env['sale.contract.document'].sudo(user).search([('contract_id', '=', self.contract.id)])

    def _attachment(self, document):
        return self.env['ir.attachment'].search([
            ('res_model', '=', 'sale.contract.document'), ('res_id', '=', document.id), ('res_field', '=', 'file')])

    def test_upload_records_who_and_when(self):
        self.assertEqual(self.scan.name, '合同扫描件.pdf', 'the file name when no description is given')
        self.assertEqual(self.secret.uploaded_by_id, self.salesperson)
        self.assertTrue(self.secret.upload_date)
        self.assertEqual(self.secret.company_id, self.contract.company_id)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.secret.sudo(self.salesperson).write({'uploaded_by_id': self.manager.id})
        other = self._draft_contract()
        with self.assertRaises(UserError), self.cr.savepoint():
            self.scan.sudo(self.salesperson).write({'contract_id': other.id})
        self.assertEqual(self.contract.sudo(self.salesperson).document_count, 2)

    def test_who_sees_confidential_documents(self):
        self.assertEqual(self._visible(self.salesperson), self.scan | self.secret, 'the owner sees both')
        self.assertEqual(self._visible(self.manager), self.scan | self.secret)
        self.assertEqual(self._visible(self.accountant), self.scan | self.secret)
        self.assertEqual(self._visible(self.team_lead), self.scan, 'the team lead: not the confidential one')
        self.assertFalse(self._visible(self.colleague), "a colleague sees nothing of another's contract")
        self.assertEqual(self.contract.sudo(self.team_lead).document_count, 1)
        self.assertEqual(self.contract.sudo(self.team_lead).document_ids, self.scan)
        with self.assertRaises(AccessError):
            self.secret.sudo(self.team_lead).read(['name'])
        with self.assertRaises(AccessError):
            self.scan.sudo(self.colleague).read(['file'])

    def test_accountant_reads_but_does_not_change(self):
        self.assertEqual(base64.b64decode(self.secret.sudo(self.accountant).file), SECRET)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.secret.sudo(self.accountant).write({'confidential': False})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['sale.contract.document'].sudo(self.accountant).create({
                'contract_id': self.contract.id, 'name': '会计上传', 'file': base64.b64encode(b'x')})
        self.assertTrue(self.secret.confidential)

    def test_stored_file_not_readable_over_rpc_by_who_may_not_read_the_document(self):
        attachment = self._attachment(self.secret)
        self.assertEqual(len(attachment), 1, 'the file is stored as an attachment of the document')
        Attachment = self.env['ir.attachment']
        for user in (self.colleague, self.team_lead):
            found = Attachment.sudo(user).search([('res_model', '=', 'sale.contract.document'),
                                                  ('res_field', '=', 'file')])
            self.assertNotIn(attachment, found, '%s finds the confidential file' % user.name)
            self.assertFalse(Attachment.sudo(user).search([('id', '=', attachment.id)]))
            with self.assertRaises(AccessError):
                attachment.sudo(user).read(['datas'])
            with self.assertRaises(AccessError):
                attachment.sudo(user).datas
        self.assertEqual(base64.b64decode(attachment.sudo(self.salesperson).read(['datas'])[0]['datas']), SECRET)
        self.assertEqual(base64.b64decode(attachment.sudo(self.accountant).datas), SECRET)
        scan_attachment = self._attachment(self.scan)
        self.assertTrue(scan_attachment.sudo(self.team_lead).read(['datas'])[0]['datas'],
                        'the team lead reads the file of a document that is not confidential')
        with self.assertRaises(AccessError), self.cr.savepoint():
            attachment.sudo(self.colleague).write({'res_id': self.scan.id})

    def test_team_lead_cannot_hide_a_confidential_document_on_a_member_contract(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env['sale.contract.document'].sudo(self.team_lead).create({
                'contract_id': self.contract.id, 'name': '主管保密文件', 'file': base64.b64encode(b'x'),
                'confidential': True})
        self.env['sale.contract.document'].sudo(self.team_lead).create({
            'contract_id': self.contract.id, 'name': '主管补充附件', 'file': base64.b64encode(b'x')})
        self.assertEqual(len(self._visible(self.salesperson)), 3)

    def test_documents_are_added_to_a_signed_contract(self):
        self.contract.action_submit()
        self.contract.sudo(self.manager).action_approve()
        self.contract.sudo(self.salesperson).action_sign()
        self.contract.sudo(self.salesperson).write({'document_ids': [(0, 0, {
            'name': '签字盖章版', 'file': base64.b64encode(b'signed')})]})
        self.assertEqual(self.contract.document_count, 3)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.contract.sudo(self.salesperson).write({'title': '改名'})
