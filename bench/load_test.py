"""Load test (issue 12): concurrent users of mixed roles against a running Odoo, over loopback, for a bounded time.

    python bench/load_test.py URL DB PLAN.json DURATION_SECONDS LABEL [NOTE ...]
    python bench/load_test.py --note LABEL TEXT     one more note in the section of LABEL (scripts/load.sh)

Each user is a thread with its own web session (``/web/session/authenticate``) and calls what the web client
calls (``/web/dataset/search_read``, ``/web/dataset/call_kw``), then thinks (LOAD_THINK="3,8": 3 to 8 seconds,
evenly spread; "1,3" is a stress run at about twice the calls):

- salespeople: search customers, open a customer's 360° form (the form's fields, then the first page of each
  of its lists), their pipeline, claims of contested pool customers (in rounds every 5 seconds: the
  salespeople of a round claim the same customer at the same instant; the winner releases it again, so it stays
  contested), quotations created and confirmed;
- sales managers: searches, 360° forms, the team's pipeline;
- accountants: open invoices, partial payments registered on them.

A claim refused because another salesperson was first must come back as Odoo's UserError with the clear
message; any other error, HTTP error or server error counts as an error. Prints per action the count, the
errors, p50/p95/p99, and writes the table into bench/RESULTS.md under "Load test (LABEL)". Exits non-zero
on any error or a read whose p95 is above 500 ms.
"""
import collections
import datetime
import json
import os
import platform
import random
import re
import sys
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import chinese_names  # noqa: E402
from common import RESULTS_PATH, percentile  # noqa: E402

READ_P95_TARGET = 0.5
CLAIM_ROUND = 5.0
THINK_SECONDS = tuple(float(value) for value in os.environ.get('LOAD_THINK', '3,8').split(','))
BUSINESS_ERRORS = ('odoo.exceptions.UserError', 'odoo.exceptions.ValidationError')
CLAIM_REFUSED = re.compile(r'已被.*领取|has already been claimed by|已经拥有|You already own')
# what each role does, with weights
ACTIONS = {
    'sales': (('search customers', 30), ('customer 360°', 30), ('my pipeline', 10),
              ('claim contested customer', 15), ('quotation', 15)),
    'manager': (('search customers', 40), ('customer 360°', 40), ('team pipeline', 20)),
    'accountant': (('open invoices', 40), ('register payment', 60)),
}
READS = {'search customers', 'customer 360°', 'my pipeline', 'team pipeline', 'open invoices'}


class RpcError(Exception):
    def __init__(self, name, message):
        super(RpcError, self).__init__('%s: %s' % (name, message))
        self.name = name
        self.message = message


class Client(object):
    """One user's web session."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.http = requests.Session()
        result = self._post('/web/session/authenticate', {'db': db, 'login': login, 'password': password})
        if not result.get('uid'):
            raise RpcError('login', 'cannot log in as %s' % login)
        self.uid = result['uid']
        self.context = result['user_context']

    def _post(self, path, params):
        response = self.http.post(self.url + path, json={'jsonrpc': '2.0', 'method': 'call', 'params': params},
                                  timeout=120)
        if response.status_code != 200:
            raise RpcError('HTTP %d' % response.status_code, response.text[:200])
        body = response.json()
        if 'error' in body:
            data = body['error'].get('data') or {}
            raise RpcError(data.get('name') or body['error'].get('message'), data.get('message') or '')
        return body['result']

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault('context', self.context)
        return self._post('/web/dataset/call_kw/%s/%s' % (model, method),
                          {'model': model, 'method': method, 'args': list(args), 'kwargs': kwargs})

    def search_read(self, model, domain, fields, limit=80, sort=''):
        return self._post('/web/dataset/search_read', {'model': model, 'domain': domain, 'fields': fields,
                                                       'limit': limit, 'sort': sort, 'context': self.context})


class User(threading.Thread):
    def __init__(self, url, db, plan, spec, deadline, results, lock):
        super(User, self).__init__(daemon=True)
        self.url, self.db, self.plan, self.spec = url, db, plan, spec
        self.deadline, self.results, self.lock = deadline, results, lock
        self.random = random.Random(spec['login'])

    # -- set-up, not timed: what the web client loads once ---------------------------------------------------
    def setup(self):
        self.client = Client(self.url, self.db, self.spec['login'], self.spec['password'])
        if self.spec['role'] in ('sales', 'manager'):
            self.form = self.client.call('res.partner', 'fields_view_get', view_type='form')
            self.list_fields = list(self.client.call('res.partner', 'fields_view_get', view_type='tree')['fields'])
            domain = [['customer', '=', True], ['user_id', '=', self.client.uid]] if self.spec['role'] == 'sales' \
                else [['customer', '=', True], ['user_id', '!=', False]]
            self.customers = [r['id'] for r in self.client.search_read('res.partner', domain, ['id'], limit=200)
                              ['records']]
            self.lead_fields = list(self.client.call('crm.lead', 'fields_view_get', view_type='tree')['fields'])
        else:
            self.invoice_fields = list(self.client.call('account.invoice', 'fields_view_get',
                                                        view_type='tree')['fields'])

    def run(self):
        try:
            self.setup()
        except Exception as error:  # a user who cannot start is an error of the run
            self.record('log in and load views', 0.0, 'error', str(error))
            return
        names, weights = zip(*ACTIONS[self.spec['role']])
        while time.time() < self.deadline:
            action = self.random.choices(names, weights)[0]
            if action == 'claim contested customer':
                self.wait_for_claim_round()
            started = time.time()
            outcome, detail = 'ok', ''
            try:
                getattr(self, 'do_' + re.sub(r'\W+', '_', action.replace('°', '')).strip('_'))()
            except RpcError as error:
                outcome, detail = self.classify(action, error)
            except requests.RequestException as error:
                outcome, detail = 'error', 'connection: %s' % error
            self.record(action, time.time() - started, outcome, detail)
            time.sleep(self.random.uniform(*THINK_SECONDS))

    def classify(self, action, error):
        if action == 'claim contested customer' and error.name in BUSINESS_ERRORS and CLAIM_REFUSED.search(
                error.message):
            return 'refused', error.message
        return 'error', str(error)

    def record(self, action, seconds, outcome, detail):
        with self.lock:
            self.results.append((action, seconds, outcome, detail))

    # -- actions -----------------------------------------------------------------------------------------------
    def do_search_customers(self):
        # What a user types: the trade name (字号) with the city or the industry, as in 苏州恒通 or 恒通机电. Two
        # characters alone cannot use the trigram index (a scan of 0.3 s at a million customers), and a word of
        # every name (有限公司) counts a million rows; see the notes of the results.
        core = self.random.choice(chinese_names.NAME_CHARS) + self.random.choice(chinese_names.NAME_CHARS)
        term = self.random.choice([self.random.choice(chinese_names.REGIONS) + core,
                                   core + self.random.choice(chinese_names.INDUSTRIES)])
        domain = [['customer', '=', True], '|', '|', ['display_name', 'ilike', term], ['ref', '=', term],
                  ['email', 'ilike', term]]
        self.client.search_read('res.partner', domain, self.list_fields)

    def do_customer_360(self):
        """The form as the web client opens it: its fields, then the first page of each list on it."""
        partner_id = self.random.choice(self.customers)
        fields = self.form['fields']
        record = self.client.call('res.partner', 'read', [partner_id], list(fields))[0]
        for name, field in fields.items():
            if field['type'] in ('one2many', 'many2many') and record.get(name):
                subview = (field.get('views') or {}).get('tree') or (field.get('views') or {}).get('kanban')
                subfields = list(subview['fields']) if subview else ['display_name']
                self.client.call(field['relation'], 'read', record[name][:40], subfields)

    def _pipeline(self, domain):
        self.client.search_read('crm.lead', [['type', '=', 'opportunity']] + domain, self.lead_fields,
                                sort='priority desc, planned_revenue desc')

    def do_my_pipeline(self):
        self._pipeline([['user_id', '=', self.client.uid]])

    def do_team_pipeline(self):
        self._pipeline([['team_id.user_id', '=', self.client.uid]])

    def wait_for_claim_round(self):
        """Claims go in rounds: whoever wants to claim waits for the next round (every CLAIM_ROUND seconds), and
        all of the round claim its customer at the same instant, as when a good customer drops into the pool."""
        now = time.time()
        time.sleep(CLAIM_ROUND - now % CLAIM_ROUND)

    def do_claim_contested_customer(self):
        """Everybody in the round goes for the round's pool customer; the winner gives it back at once (timed
        apart), and the others must be told who was first."""
        contested = self.plan['contested']
        partner_id = contested[int(round(time.time() / CLAIM_ROUND)) % len(contested)]
        self.client.call('res.partner', 'action_claim', [partner_id])
        started = time.time()
        try:
            self.client.call('res.partner', 'action_release', [partner_id], '压测：放回公海')
            self.record('release to pool', time.time() - started, 'ok', '')
        except RpcError as error:
            self.record('release to pool', time.time() - started, 'error', str(error))

    def do_quotation(self):
        products = self.random.sample(self.plan['products'], 3)
        order_id = self.client.call('sale.order', 'create', {
            'partner_id': self.random.choice(self.customers),
            'order_line': [[0, 0, {'product_id': p['id'], 'name': p['name'], 'product_uom': p['uom_id'],
                                   'product_uom_qty': self.random.randint(1, 20), 'price_unit': p['price']}]
                           for p in products]})
        self.client.call('sale.order', 'action_confirm', [order_id])

    def do_open_invoices(self):
        self.invoices = self.client.search_read(
            'account.invoice', [['type', '=', 'out_invoice'], ['state', '=', 'open']], self.invoice_fields,
            sort='date_due, number')['records']

    def do_register_payment(self):
        """A partial payment on an open invoice, as the invoice's Register Payment dialog does it."""
        if not getattr(self, 'invoices', None):
            self.do_open_invoices()
        invoice = self.random.choice(self.invoices)
        context = dict(self.client.context, active_model='account.invoice', active_ids=[invoice['id']],
                       default_invoice_ids=[[4, invoice['id'], None]])
        payment_id = self.client.call('account.payment', 'create', {
            'payment_type': 'inbound', 'partner_type': 'customer', 'partner_id': invoice['partner_id'][0],
            'amount': float(self.random.randint(1, 50) * 100), 'journal_id': self.plan['journal_id'],
            'payment_method_id': self.plan['payment_method_id'], 'communication': invoice['number'],
            'payment_date': datetime.date.today().isoformat(), 'invoice_ids': [[4, invoice['id'], None]]},
            context=context)
        self.client.call('account.payment', 'action_validate_invoice_payment', [payment_id], context=context)


def summarize(results, duration, users, label):
    by_action = collections.OrderedDict()
    for action, seconds, outcome, detail in sorted(results, key=lambda r: r[0]):
        by_action.setdefault(action, []).append((seconds, outcome, detail))
    lines = ['| action | kind | calls | refused with the message | errors | p50 | p95 | p99 | target | result |',
             '|---|---|---|---|---|---|---|---|---|---|']
    passed = True
    errors = []
    for action, samples in by_action.items():
        times = [seconds for seconds, outcome, _ in samples if outcome != 'error']
        failed = [detail for _, outcome, detail in samples if outcome == 'error']
        refused = sum(1 for _, outcome, _ in samples if outcome == 'refused')
        errors += ['%s: %s' % (action, detail) for detail in failed]
        read = action in READS
        p95 = percentile(times, 0.95)
        ok = not failed and (not read or p95 <= READ_P95_TARGET)
        passed = passed and ok
        lines.append('| %s | %s | %d | %s | %d | %.0f ms | %.0f ms | %.0f ms | %s | %s |' % (
            action, 'read' if read else 'write', len(samples), refused if refused else '', len(failed),
            percentile(times, 0.5) * 1000, p95 * 1000, percentile(times, 0.99) * 1000,
            'no error, p95 ≤ 500 ms' if read else 'no error', 'pass' if ok else 'FAIL'))
    total = len(results)
    header = '%d users for %d s, %d calls (%.1f per second), %s' % (
        users, duration, total, total / float(duration), datetime.datetime.now().strftime('%Y-%m-%d %H:%M'))
    return passed, header, '\n'.join(lines), errors


def write_results(label, header, table, notes):
    """Replace this label's section of bench/RESULTS.md (bench/run.py keeps the load test sections)."""
    text = open(RESULTS_PATH).read() if os.path.exists(RESULTS_PATH) else '# Benchmark results\n'
    title = '## Load test (%s)' % label
    sections = re.split(r'(?m)^(?=## )', text)
    section = '%s\n\n%s, %s, %d CPUs\n\n%s\n%s\n' % (
        title, header, platform.platform(), os.cpu_count(), ''.join('- %s\n' % note for note in notes), table)
    kept = [part for part in sections if not part.startswith(title)]
    with open(RESULTS_PATH, 'w') as out:
        out.write(''.join(part if part.endswith('\n\n') else part.rstrip('\n') + '\n\n' for part in kept)
                  + section)


def add_note(label, note):
    """One more note line in this label's section of bench/RESULTS.md, after its other notes."""
    text = open(RESULTS_PATH).read()
    start = text.find('## Load test (%s)' % label)
    if start >= 0:
        end = text.find('\n\n|', start)   # the end of the notes, before the table
        with open(RESULTS_PATH, 'w') as out:
            out.write(text[:end] + '\n- ' + note + text[end:])


def main(url, db, plan_path, duration, label, notes=()):
    plan = json.load(open(plan_path))
    results, lock = [], threading.Lock()
    deadline = time.time() + duration
    threads = [User(url, db, plan, spec, deadline, results, lock) for spec in plan['users']]
    for thread in threads:
        thread.start()
        time.sleep(0.1)   # users arrive over two seconds, not in one instant
    for thread in threads:
        thread.join(duration + 180)
    passed, header, table, errors = summarize(results, duration, len(threads), label)
    print(header)
    print(table)
    for error in errors[:20]:
        print('error: %s' % error)
    write_results(label, header, table, list(notes) + ['%d customers in the database; %s' % (
        plan['customers'], 'errors: ' + '; '.join(errors[:5]) if errors else 'no error')])
    return passed


if __name__ == '__main__':
    args = sys.argv[1:]
    if args[0] == '--note':
        add_note(args[1], args[2])
        sys.exit(0)
    sys.exit(0 if main(args[0], args[1], args[2], int(args[3]), args[4], args[5:]) else 1)
