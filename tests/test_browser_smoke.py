"""A salesperson logs into the web client in headless Chromium and opens the CRM pipeline."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser_helpers import ERROR_DIALOGS, login


def test_salesperson_opens_crm_pipeline(browser, odoo_url, odoo_db, artifacts):
    try:
        login(browser, odoo_url, odoo_db, 'zhangwei', 'zhangwei')
        # The CRM top menu opens the salesperson's own pipeline as a kanban of stages.
        WebDriverWait(browser, 30).until(EC.element_to_be_clickable(
            (By.CSS_SELECTOR, '#oe_main_menu_navbar a[data-menu-xmlid="crm.crm_menu_root"]'))).click()
        WebDriverWait(browser, 60).until(
            EC.presence_of_element_located((By.CSS_SELECTOR, '.o_kanban_view .o_kanban_group')))
    finally:
        browser.save_screenshot(os.path.join(artifacts, 'crm_pipeline_zhangwei.png'))

    breadcrumb = browser.find_element(By.CSS_SELECTOR, '.o_control_panel .breadcrumb').text
    assert breadcrumb.strip() == '管道', 'the pipeline title should be in Chinese, got %r' % breadcrumb
    cards = [card.text for card in browser.find_elements(By.CSS_SELECTOR, '.o_kanban_record')]
    assert any('金陵机电' in card for card in cards), 'his demo opportunity is not on the pipeline: %s' % cards
    assert not browser.find_elements(By.CSS_SELECTOR, ERROR_DIALOGS), 'an error dialog is shown'
    severe = [entry for entry in browser.get_log('browser') if entry['level'] == 'SEVERE']
    assert not severe, 'JavaScript errors: %s' % severe
    # The page is styled: the compiled LESS assets loaded (lessc works).
    navbar = browser.find_element(By.CSS_SELECTOR, '#oe_main_menu_navbar')
    assert navbar.value_of_css_property('background-color') not in ('rgba(0, 0, 0, 0)', 'transparent'), \
        'the web client is not styled'
