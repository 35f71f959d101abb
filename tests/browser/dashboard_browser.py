"""Headless Chromium on the dashboard, shared by test_dashboard.py and tests/bench/bench.py.

Debian's chromium and chromium-driver (scripts/install-deps --test) through python3-selenium. Chromium
is started with its background networking, component updates and sync off: it must reach nothing but
ccemu (and this machine refuses its connections elsewhere), and a fresh profile each time.
"""

import json
import os
import shutil
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                  "--window-size=1280,900")
# A type with no write-only properties, whose dump needs only its identifier (read-only Arn is made).
BULK_TYPE = "AWS::Logs::LogGroup"


def chromium_missing():
    """Why the browser cannot run here, or None."""
    for program in ("chromium", "chromedriver"):
        if not shutil.which(program):
            return f"{program} is not installed (scripts/install-deps --test installs it)"
    return None


class Browser:
    """One headless Chromium with a fresh profile; close() removes it."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="ccemu-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        self.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        self.driver.set_script_timeout(60)

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def wait(self, condition, timeout=20):
        """Polls `condition(driver)` until it is truthy (a deadline, no sleeps)."""
        return WebDriverWait(self.driver, timeout, poll_frequency=0.02).until(condition)

    def show(self, base_url, hash_route):
        """Opens the dashboard at `#hash_route` and waits until that view has rendered."""
        name = hash_route.split("?")[0]
        self.driver.get(f"{base_url}/_ccemu/ui#{hash_route}")
        self.wait(lambda d: d.execute_script("return document.body.dataset.view") == name)

    def find(self, css):
        return self.wait(lambda d: d.find_element(By.CSS_SELECTOR, css))


def load_bulk_resources(base_url, count, account="123456789012", region="us-east-1"):
    """Replaces ccemu's state with `count` BULK_TYPE resources through PUT /_ccemu/state."""
    models = {f"group-{i:06d}": {"LogGroupName": f"group-{i:06d}"} for i in range(count)}
    dump = {"format": "ccemu-state", "version": 1, "resources": {account: {region: {BULK_TYPE: models}}}}
    request = urllib.request.Request(f"{base_url}/_ccemu/state", data=json.dumps(dump).encode(), method="PUT")
    with urllib.request.urlopen(request, timeout=300) as response:
        assert json.loads(response.read()) == {"status": "loaded"}


def first_page_seconds(browser, base_url):
    """Seconds from opening the Resources view of BULK_TYPE until its first page's rows are shown."""
    started = time.monotonic()
    browser.driver.get(f"{base_url}/_ccemu/ui#resources?type={BULK_TYPE}")
    browser.wait(lambda d: d.find_elements(By.CSS_SELECTOR, 'button[data-identifier="group-000000"]'))
    return time.monotonic() - started


def axe_violations(browser):
    """axe-core's serious and critical violations on the page shown (tests/browser/node_modules)."""
    with open(os.path.join(HERE, "node_modules", "axe-core", "axe.min.js"), encoding="utf-8") as f:
        browser.driver.execute_script(f.read())
    result = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
    assert isinstance(result, list), result
    return [v for v in result if v.get("impact") in ("serious", "critical")]


def main():
    """`python3 dashboard_browser.py CCEMU_BINARY [RUNS]`: loads 100,000 resources into a fresh ccemu and
    prints, as JSON, the first-page times of the Resources view in ms (tests/bench/bench.py reads it)."""
    import re
    import subprocess
    import sys
    binary, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    server = subprocess.Popen([binary, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    browser = None
    try:
        base_url = re.search(r"(http://\S+)", server.stdout.readline()).group(1)
        load_bulk_resources(base_url, 100_000)
        browser = Browser()
        browser.driver.get("about:blank")  # the browser's own start-up is not the page's time
        print(json.dumps([round(first_page_seconds(browser, base_url) * 1000, 1) for _ in range(runs)]))
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
