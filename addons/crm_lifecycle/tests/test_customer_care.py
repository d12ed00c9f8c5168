from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase

from .common import create_user


class TestCustomerCare(SavepointCase):
    """Care presets reminded once a year to the owner, batch care e-mails, letters and envelopes, who may care."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The reminders are written in the owner's language: a Chinese salesperson reads them in Chinese.
        salesman = ['sales_team.group_sale_salesman']
        cls.salesman = create_user(cls.env, 'test_care_sales', '测试关怀张三', salesman, lang='zh_CN')
        cls.colleague = create_user(cls.env, 'test_care_other', '测试关怀李四', salesman)
        cls.manager = create_user(cls.env, 'test_care_manager', '测试关怀经理', ['sales_team.group_sale_manager'])
        Partner = cls.env['res.partner']
        jiangsu = cls.env['res.country.state'].search([('name', '=', '江苏省')], limit=1)
        cls.customer = Partner.create({
            'name': '测试关怀客户有限公司', 'is_company': True, 'customer': True, 'user_id': cls.salesman.id,
            'street': '江宁区将军大道168号', 'city': '南京', 'zip': '211106', 'state_id': jiangsu.id,
            'country_id': cls.env.ref('base.cn').id, 'cooperation_start_date': '2020-05-08'})
        cls.boss = Partner.create({
            'name': '测试王总', 'parent_id': cls.customer.id, 'function': '总经理', 'gender': 'male',
            'birthday': '1975-03-10', 'email': 'wangzong@example.cn'})
        cls.opted_out = Partner.create({
            'name': '测试退订刘工', 'parent_id': cls.customer.id, 'email': 'liugong@example.cn', 'opt_out': True})
        cls.without_email = Partner.create({'name': '测试无邮箱陈秘书', 'parent_id': cls.customer.id})
        cls.colleague_customer = Partner.create({
            'name': '测试关怀同事客户有限公司', 'is_company': True, 'customer': True, 'user_id': cls.colleague.id})
        cls.colleague_contact = Partner.create({
            'name': '测试同事的联系人', 'parent_id': cls.colleague_customer.id, 'email': 'other@example.cn'})
        cls.pool_customer = Partner.create({'name': '测试关怀公海客户有限公司', 'is_company': True, 'customer': True})
        cls.pool_contact = Partner.create({
            'name': '测试公海联系人', 'parent_id': cls.pool_customer.id, 'email': 'pool@example.cn'})
        cls.spring_festival = cls.env.ref('crm_lifecycle.care_festival_spring_festival')
        cls.national_day = cls.env.ref('crm_lifecycle.care_festival_national_day')
        cls.template = cls.env['mail.template'].sudo(cls.manager).create({
            'name': '测试春节问候',
            'model_id': cls.env.ref('base.model_res_partner').id,
            'is_care_template': True,
            'subject': '新春快乐 ${object.name}',
            'body_html': '<p>尊敬的${object.name}（${object.parent_id.name}${object.function or ""}）：恭祝新春快乐！</p>',
        })

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _preset(self, **values):
        values = dict({'contact_id': self.boss.id, 'occasion': 'festival', 'care_action': 'gift'}, **values)
        return self.env['crm.care.preset'].sudo(self.salesman).create(values)

    def _run(self, today):
        self.env['crm.reminder.log']._cron_send_reminders(today=today)

    def _activities(self):
        """The open care reminders on the customer (not the contacts' plain birthday reminders)."""
        reminders = self.env['crm.reminder.log'].search([
            ('reminder_type', '=', 'care_preset'), ('partner_id', '=', self.customer.id)])
        return self.env['mail.activity'].search([('id', 'in', reminders.mapped('activity_id').ids)])

    def _wizard(self, contacts, user=None, **values):
        Wizard = self.env['crm.care.send.wizard'].sudo(user or self.salesman).with_context(
            active_model='res.partner', active_ids=contacts.ids, lang='en_US')
        values = dict({'template_id': self.template.id, 'occasion': 'festival',
                       'festival_id': self.spring_festival.id}, **values)
        return Wizard.create(values)

    def _html(self, report_xmlid, contact_ids, data, user=None):
        report = self.env.ref(report_xmlid).sudo(user or self.salesman).with_context(lang='en_US')
        html, _format = report.render_qweb_html(contact_ids, data=data)
        return html.decode() if isinstance(html, bytes) else html

    # ------------------------------------------------------------------
    # presets and the reminder cron
    # ------------------------------------------------------------------
    def test_lunar_festival_reminded_once_from_the_year_table(self):
        preset = self._preset(festival_id=self.spring_festival.id, lead_days=14, note='茶叶礼盒')
        # 春节 2027 is 6 February (not 17 February as in 2026): 17 days ahead on 20 January, beyond the lead time.
        self._run('2027-01-20')
        self.assertFalse(self._activities(), 'the festival is 17 days away, the lead time is 14 days')
        self._run('2027-01-23')
        activity = self._activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, '2027-02-06', 'the date of the festival in 2027, from its table')
        self.assertEqual(activity.user_id, self.salesman, 'the owner of the contact\'s customer is reminded')
        self.assertIn('春节', activity.summary)
        self.assertIn('送礼', activity.summary)
        self.assertIn('茶叶礼盒', activity.note)
        # Re-runs create nothing, also once the salesperson marked it done; done is a care action.
        self._run('2027-01-25')
        self.assertEqual(self._activities(), activity)
        activity.sudo(self.salesman).action_feedback('送了大红袍')
        log = self.env['crm.care.log'].search([('preset_id', '=', preset.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual((log.contact_id, log.user_id, log.care_action, log.note),
                         (self.boss, self.salesman, 'gift', '送了大红袍'))
        self._run('2027-02-01')
        self.assertFalse(self._activities())
        # Next year: 春节 2028 is 26 January.
        self._run('2028-01-12')
        self.assertEqual(self._activities().date_deadline, '2028-01-26')
        self.assertEqual(self.env['crm.reminder.log'].search_count(
            [('event_key', '=', 'care_preset:%d' % preset.id)]), 2, 'one reminder per year')

    def test_fixed_festival_birthday_and_anniversary_lead_times(self):
        self._preset(festival_id=self.national_day.id, lead_days=0, care_action='call')
        self._preset(occasion='birthday', lead_days=3, care_action='card')
        self._preset(occasion='anniversary', lead_days=7, care_action='visit')
        self._run('2026-03-06')
        self.assertFalse(self._activities(), 'the birthday on 10 March is 4 days away, the lead time is 3 days')
        self._run('2026-03-07')
        self.assertEqual(self._activities().mapped('date_deadline'), ['2026-03-10'])
        self._run('2026-04-30')
        self.assertEqual(len(self._activities()), 1, 'the anniversary on 8 May is 8 days away')
        self._run('2026-05-01')
        anniversary = self._activities().filtered(lambda activity: activity.date_deadline == '2026-05-08')
        self.assertIn('合作 6 周年', anniversary.summary)
        self._run('2026-09-30')
        self.assertEqual(len(self._activities()), 2, 'National Day is reminded on the day (lead time 0)')
        self._run('2026-10-01')
        self.assertEqual(sorted(self._activities().mapped('date_deadline')),
                         ['2026-03-10', '2026-05-08', '2026-10-01'])

    def test_preset_checks(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._preset(occasion='festival')  # no festival
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._preset(occasion='birthday', contact_id=self.opted_out.id)  # no birthday
        self._preset(festival_id=self.spring_festival.id)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._preset(festival_id=self.spring_festival.id, care_action='call')
        self.assertEqual(self.boss.sudo(self.salesman).care_preset_ids.festival_id, self.spring_festival)

    # ------------------------------------------------------------------
    # batch care
    # ------------------------------------------------------------------
    def test_batch_mail_skips_opted_out_and_no_email(self):
        contacts = self.boss | self.opted_out | self.without_email
        wizard = self._wizard(contacts | self.customer)
        self.assertEqual(wizard.contact_ids, contacts, 'the company selected in the list is left out')
        self.assertIn('1 contact(s) will receive the e-mail', wizard.mail_summary)
        wizard.action_send_mail()
        self.assertEqual(wizard.state, 'done')
        self.assertIn('测试退订刘工: opted out', wizard.result)
        self.assertIn('测试无邮箱陈秘书: no e-mail address', wizard.result)
        mails = self.env['mail.mail'].search([('model', '=', 'res.partner'), ('res_id', 'in', contacts.ids)])
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.boss)
        self.assertEqual(mails.state, 'outgoing', 'left to the mail queue cron')
        self.assertEqual(mails.subject, '新春快乐 测试王总')
        self.assertIn('尊敬的测试王总（测试关怀客户有限公司总经理）：恭祝新春快乐！', mails.body_html)
        logs = self.env['crm.care.log'].search([('contact_id', 'in', contacts.ids)])
        self.assertEqual(logs.mapped('contact_id'), self.boss, 'only the e-mailed contact is logged')
        self.assertEqual((logs.care_action, logs.template_id, logs.festival_id, logs.user_id),
                         ('email', self.template, self.spring_festival, self.salesman))
        self.assertEqual(self.boss.sudo(self.salesman).care_log_count, 1)
        self.assertEqual(self.customer.sudo(self.salesman).care_log_count, 1, 'the company counts its contacts\'')

    def test_letters_and_envelopes_render(self):
        wizard = self._wizard(self.boss | self.opted_out, occasion='other', festival_id=False)
        action = wizard.action_print_letters()
        self.assertEqual(action['report_name'], 'crm_lifecycle.report_care_letter')
        self.assertEqual(self.env['crm.care.log'].search_count(
            [('contact_id', 'in', (self.boss | self.opted_out).ids), ('care_action', '=', 'letter')]), 2,
            'letters are logged for opted-out contacts too: opting out is about e-mails')
        html = self._html('crm_lifecycle.crm_care_letter_report', None, action['data'])
        self.assertIn('尊敬的测试王总（测试关怀客户有限公司总经理）：恭祝新春快乐！', html)
        self.assertIn('尊敬的测试退订刘工', html)
        self.assertIn(self.env.user.company_id.name, html, 'the letterhead is in the body')
        with self.assertRaises(UserError), self.cr.savepoint():
            self._html('crm_lifecycle.crm_care_letter_report', self.boss.ids, {})  # no template

        action = wizard.action_print_envelopes()
        self.assertEqual(action['report_name'], 'crm_lifecycle.report_care_envelope')
        html = self._html('crm_lifecycle.crm_care_envelope_report', None, action['data'])
        self.assertIn('江苏省南京江宁区将军大道168号', html, 'the contact has the address of his company')
        self.assertIn('Mr. 测试王总', html)
        self.assertIn('测试退订刘工', html)
        for digit in '211106':
            self.assertIn('>%s</span>' % digit, html)
        self.assertIn(self.env.user.company_id.name, html, 'the sender')

        self.without_email.write({'street': False, 'street2': False, 'city': False})
        wizard = self._wizard(self.boss | self.without_email)
        self.assertIn('测试无邮箱陈秘书', wizard.envelope_summary)
        action = wizard.action_print_envelopes()
        self.assertEqual(action['data']['contact_ids'], self.boss.ids, 'no envelope without an address')

    def test_salesperson_cannot_care_for_a_colleagues_or_pool_contacts(self):
        for contact, owner in ((self.colleague_contact, '测试关怀李四'), (self.pool_contact, 'public pool')):
            wizard = self._wizard(self.boss | contact)
            with self.assertRaises(UserError) as refused, self.cr.savepoint():
                wizard.action_send_mail()
            self.assertIn(owner, str(refused.exception))
            with self.assertRaises(UserError), self.cr.savepoint():
                wizard.action_print_letters()
            with self.assertRaises((UserError, AccessError)), self.cr.savepoint():
                self._preset(contact_id=contact.id, festival_id=self.spring_festival.id)
            with self.assertRaises((UserError, AccessError)), self.cr.savepoint():
                self.env['crm.care.log'].sudo(self.salesman).create({'contact_id': contact.id, 'care_action': 'call'})
        self.assertFalse(self.env['mail.mail'].search([('res_id', 'in', self.boss.ids), ('model', '=', 'res.partner')]))
        self.assertFalse(self.env['crm.care.log'].search([('contact_id', '=', self.boss.id)]))
        # The colleague's presets stay hidden; a sales manager cares for anyone.
        self.env['crm.care.preset'].sudo(self.colleague).create({
            'contact_id': self.colleague_contact.id, 'festival_id': self.national_day.id})
        self.assertFalse(self.env['crm.care.preset'].sudo(self.salesman).search(
            [('contact_id', '=', self.colleague_contact.id)]))
        self._wizard(self.colleague_contact, user=self.manager).action_send_mail()
        self.assertEqual(self.env['crm.care.log'].search([('contact_id', '=', self.colleague_contact.id)]).user_id,
                         self.manager)

    def test_care_templates_and_festivals_are_the_managers(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.template.sudo(self.salesman).write({'subject': '改了'})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.spring_festival.sudo(self.salesman).write({'name': '过年'})
        self.template.sudo(self.manager).write({'subject': '新春快乐！'})
        self.spring_festival.sudo(self.manager).write({'date_ids': [(0, 0, {'date': '2031-01-23'})]})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.spring_festival.sudo(self.manager).write({'date_ids': [(0, 0, {'date': '2031-02-01'})]})
