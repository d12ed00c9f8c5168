"""Top-level tests talk to a running Odoo server over XML-RPC and HTTP.

scripts/test.sh starts the server on a free loopback port and sets
ODOO_URL, ODOO_DB and ARTIFACTS.
"""
import datetime
import os
import shutil
import tempfile
import xmlrpc.client

import pytest
import pytz

DEMO_PASSWORDS = {
    'admin': 'admin', 'chenjing': 'chenjing', 'liuyang': 'liuyang', 'zhangwei': 'zhangwei',
    'lina': 'lina', 'wangfang': 'wangfang', 'zhaomin': 'zhaomin', 'sunhao': 'sunhao',
    'wuxia': 'wuxia', 'qianjun': 'qianjun',
}


class OdooClient:
    """A logged-in XML-RPC session as one user."""

    def __init__(self, url, db, login, password=None):
        self.url, self.db, self.login = url, db, login
        self.password = password or DEMO_PASSWORDS[login]
        common = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common')
        self.uid = common.authenticate(db, login, self.password, {})
        assert self.uid, 'demo user %s cannot log in' % login
        self.models = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object', allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs)

    def today(self):
        """The user's today (``fields.Date.context_today``): the date in the user's time zone, not the server's."""
        tz = self.call('res.users', 'read', [self.uid], ['tz'])[0]['tz'] or 'UTC'
        return datetime.datetime.now(pytz.timezone(tz)).date()

    def ref(self, xmlid):
        module, name = xmlid.split('.')
        found = self.call('ir.model.data', 'search_read', [('module', '=', module), ('name', '=', name)],
                          fields=['res_id'])
        assert found, 'no record %s' % xmlid
        return found[0]['res_id']


@pytest.fixture(scope='session')
def odoo_url():
    url = os.environ.get('ODOO_URL')
    if not url:
        pytest.skip('ODOO_URL is not set: run the top-level tests through `make test`')
    return url


@pytest.fixture(scope='session')
def odoo_db():
    return os.environ['ODOO_DB']


@pytest.fixture(scope='session')
def artifacts():
    path = os.path.join(os.environ.get('ARTIFACTS', '.artifacts'), 'screenshots')
    os.makedirs(path, exist_ok=True)
    return path


@pytest.fixture(scope='session')
def as_user(odoo_url, odoo_db):
    """as_user('zhangwei') -> an OdooClient logged in as that demo user; as_user(login, password) for a user
    a test created."""
    clients = {}

    def connect(login, password=None):
        if login not in clients:
            clients[login] = OdooClient(odoo_url, odoo_db, login, password)
        return clients[login]
    return connect


@pytest.fixture
def browser():
    """A fresh headless Chromium (its own profile and download folder), closed after the test."""
    import browser_helpers  # selenium is needed by the browser tests only
    if not browser_helpers.browser_available():
        pytest.fail('Debian chromium and chromium-driver are required (scripts/setup.sh installs them)')
    downloads = tempfile.mkdtemp(prefix='downloads-')
    driver, profile = browser_helpers.start_chromium(downloads)
    driver.download_dir = downloads
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(downloads, ignore_errors=True)


@pytest.fixture
def web(browser, odoo_url, odoo_db, artifacts):
    """The web client in that browser: web.login(user), web.step(name), web.menu(xmlid), ..."""
    import browser_helpers
    return browser_helpers.WebClient(browser, odoo_url, odoo_db, artifacts, browser.download_dir)
