"""Headless Chromium (Debian chromium + chromedriver, selenium 4) driving the Odoo 11 web client.

`WebClient` wraps a driver with the waits the tests need: for an element, for a text, for the web client to
finish its RPCs (jQuery.active == 0: the Odoo 11 client sends every request through $.ajax), and a `step`
context manager that saves a screenshot and fails on an error dialog or a SEVERE browser console entry."""
import contextlib
import itertools
import os
import re
import shutil
import tempfile

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
CHROMEDRIVER = shutil.which('chromedriver') or '/usr/bin/chromedriver'
ERROR_DIALOGS = '.o_dialog_warning, .o_error_detail, .modal .o_dialog_error, .o_notification.o_error'
WINDOW_SIZE = (1400, 900)
SHOT_NUMBERS = itertools.count(1)  # screenshots of a pytest run numbered in the order they were taken
# Counts the page's requests but the bus's long poll (always pending), from the first call on each page.
IDLE_SCRIPT = """
if (!window.jQuery) { return false; }
if (!window.__pendingRpc) {
    window.__pendingRpc = new Set();
    jQuery(document).ajaxSend(function (event, xhr, settings) {
        if (settings.url.indexOf('/longpolling/') < 0) { window.__pendingRpc.add(xhr); }
    });
    jQuery(document).ajaxComplete(function (event, xhr) { window.__pendingRpc.delete(xhr); });
}
return window.__pendingRpc.size === 0 && !document.querySelector('.blockUI, .o_blockUI');
"""


def browser_available():
    return os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)


def start_chromium(download_dir):
    """A headless Chromium as GUIDE.md says (root: --no-sandbox; no network of its own), downloading files into
    ``download_dir`` without asking. Returns (driver, profile dir to remove)."""
    profile = tempfile.mkdtemp(prefix='chromium-')
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync',
                 '--window-size=%d,%d' % WINDOW_SIZE, '--user-data-dir=' + profile, '--lang=zh-CN'):
        options.add_argument(flag)
    options.add_experimental_option('prefs', {
        'download.default_directory': download_dir, 'download.prompt_for_download': False,
        'plugins.always_open_pdf_externally': True})
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    driver.execute_cdp_cmd('Browser.setDownloadBehavior', {'behavior': 'allow', 'downloadPath': download_dir})
    return driver, profile


def login(driver, url, db, login, password):
    driver.get('%s/web/login?db=%s' % (url, db))
    driver.find_element(By.NAME, 'login').send_keys(login)
    driver.find_element(By.NAME, 'password').send_keys(password)
    driver.find_element(By.CSS_SELECTOR, 'form button[type=submit]').click()
    WebDriverWait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, '#oe_main_menu_navbar')))


def xpath_literal(text):
    if "'" not in text:
        return "'%s'" % text
    return 'concat(%s)' % ", \"'\", ".join("'%s'" % part for part in text.split("'"))


class WebClient:
    """One browser session of the web client; `step(name)` around each user action."""

    def __init__(self, driver, url, db, artifacts, download_dir):
        self.driver, self.url, self.db = driver, url, db
        self.artifacts, self.download_dir = artifacts, download_dir
        self.console = []  # SEVERE console entries not yet reported

    # --- waits ---------------------------------------------------------------------------------------
    def wait(self, condition, timeout=30, message=''):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.2,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)

    def idle(self, timeout=60):
        """The web client has no RPC in flight (the bus's long poll aside) and no blocking overlay."""
        self.wait(lambda d: d.execute_script(IDLE_SCRIPT), timeout, 'the web client is still busy')

    def find(self, css, timeout=30, visible=True):
        condition = EC.visibility_of_element_located if visible else EC.presence_of_element_located
        return self.wait(condition((By.CSS_SELECTOR, css)), timeout, 'no element %s' % css)

    def find_text(self, css, text, timeout=30):
        """The first visible element matching ``css`` whose text contains ``text``."""
        def found(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, css):
                if element.is_displayed() and text in element.text:
                    return element
            return False
        return self.wait(found, timeout, 'no %s showing %r' % (css, text))

    def field_shows(self, field, text, scope='.o_form_view', timeout=30):
        """The form's field ``field`` shows ``text``, read-only (its text) or in edition (its input's value)."""
        def shows(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, '%s .o_field_widget[name="%s"]' % (scope, field)):
                inputs = element.find_elements(By.CSS_SELECTOR, 'input') if element.tag_name != 'input' else []
                value = element.text + ' ' + (element.get_attribute('value') or '') + ' '.join(
                    (box.get_attribute('value') or '') for box in inputs)
                if element.is_displayed() and text in value:
                    return element
            return False
        return self.wait(shows, timeout, 'the field %s does not show %r' % (field, text))

    def button(self, text, scope='', timeout=30):
        """A visible, enabled button (or link styled as one) whose label is ``text``."""
        xpath = '%s//*[self::button or self::a][normalize-space(.)=%s]' % (scope, xpath_literal(text))

        def found(driver):
            for element in driver.find_elements(By.XPATH, xpath):
                if element.is_displayed() and element.is_enabled():
                    return element
            return False
        return self.wait(found, timeout, 'no button %r' % text)

    def click(self, element):
        self.driver.execute_script('arguments[0].scrollIntoView({block: "center"});', element)
        try:
            element.click()
        except WebDriverException:  # covered by a sticky bar: click as the user's pointer would reach it
            self.driver.execute_script('arguments[0].click();', element)
        self.idle()

    def click_button(self, text, scope=''):
        self.click(self.button(text, scope))

    def text(self, css='.o_content'):
        return self.find(css).text

    # --- navigation ------------------------------------------------------------------------------------
    def login(self, user):
        login(self.driver, self.url, self.db, user, user)
        self.idle()

    def logout(self):
        self.driver.get(self.url + '/web/session/logout')

    def menu(self, xmlid):
        """Click a menu entry, top menu or section, by its XML id (the web client renders data-menu-xmlid)."""
        element = self.find('a[data-menu-xmlid="%s"]' % xmlid)
        self.click(element)

    def open_record(self, model, record_id, action=None):
        """A record's form through the URL, as a bookmark or a link in a mail would open it."""
        fragment = 'id=%d&model=%s&view_type=form' % (record_id, model)
        if action:
            fragment += '&action=' + action
        self.driver.get('%s/web#%s' % (self.url, fragment))
        self.find('.o_form_view')
        self.idle()

    def search(self, text):
        box = self.find('.o_searchview_input')
        box.send_keys(text)
        box.send_keys(Keys.ENTER)
        self.idle()

    def many2one(self, field, text, choice=None):
        """Type into a many2one field of the form (or dialog) in view and pick the suggestion ``choice``."""
        box = self.find('.o_field_many2one[name="%s"] input' % field)
        box.clear()
        box.send_keys(text)
        item = self.find_text('ul.ui-autocomplete li a', choice or text)
        self.click(item)

    def fill(self, field, value, scope=''):
        box = self.find('%s .o_field_widget[name="%s"]' % (scope, field))
        if box.tag_name not in ('input', 'textarea'):
            box = box.find_element(By.CSS_SELECTOR, 'input, textarea')
        box.clear()
        box.send_keys(value)

    # --- what the user sees ------------------------------------------------------------------------------
    def errors(self):
        """Error dialogs on screen and SEVERE console entries since the last call."""
        found = []
        for dialog in self.driver.find_elements(By.CSS_SELECTOR, ERROR_DIALOGS):
            if dialog.is_displayed():
                found.append('error dialog: %s' % dialog.text[:500])
        self.console.extend(entry for entry in self.driver.get_log('browser') if entry['level'] == 'SEVERE')
        found.extend('JavaScript: %s' % entry['message'] for entry in self.console)
        self.console = []
        return found

    def screenshot(self, name):
        path = os.path.join(self.artifacts, '%02d_%s.png' % (next(SHOT_NUMBERS), re.sub(r'[^\w-]+', '_', name)))
        self.driver.save_screenshot(path)
        return path

    @contextlib.contextmanager
    def step(self, name):
        """One user action: screenshot afterwards (also when it failed), then no error on screen or console."""
        try:
            yield
            self.idle()
        except Exception:
            self.screenshot(name + '_FAILED')
            problems = self.errors()
            if problems:
                raise AssertionError('step %s failed with: %s' % (name, problems))
            raise
        self.screenshot(name)
        problems = self.errors()
        assert not problems, 'step %s: %s' % (name, problems)

    def downloaded(self, suffix, timeout=60):
        """The file with that suffix Chromium finished downloading."""
        def done(_driver):
            names = os.listdir(self.download_dir)
            files = [n for n in names if n.endswith(suffix)]
            return files and not any(n.endswith('.crdownload') for n in names) and files
        files = self.wait(done, timeout, 'no %s file was downloaded' % suffix)
        return os.path.join(self.download_dir, files[0])
