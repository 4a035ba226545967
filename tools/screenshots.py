#!/usr/bin/env python3
"""Screenshots of each demo role's first screen, in English and in 简体中文.

Logs in as each demo user over JSON-RPC (password ``autocrm``), sets the user's
language, opens ``/odoo`` (the first screen the user lands on) in headless Chromium
at 1440×900 and saves ``<out>/<login>-<lang>.png``; the user's language is set back
afterwards. The README shows these images.

    ./bin/autocrm run &            # a database with the demo network
    python3 tools/screenshots.py --url http://localhost:8069 --out docs/screens

Needs Chromium (``chromium``, Debian's package) and ``websocket-client`` (one of
Odoo's test requirements); nothing of Odoo is imported.
"""

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar

import websocket

# the five roles of the README, by demo login
ROLES = [
    ("bj01.advisor", "dealer service advisor"),
    ("bj01.manager", "dealer manager"),
    ("oem.claims", "OEM claims reviewer"),
    ("oem.manager", "OEM after-sales manager"),
    ("bj01.hr", "dealer HR"),
]
LANGS = ["en_US", "zh_CN"]
WIDTH, HEIGHT = 1440, 900


class Session:
    """A JSON-RPC session of one Odoo user."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )
        result = self.call(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        self.uid = result["uid"]

    def call(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.url + path,
            data=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=60) as response:
            reply = json.load(response)
        if reply.get("error"):
            raise RuntimeError(reply["error"]["data"]["message"])
        return reply["result"]

    def execute(self, model, method, *args, **kwargs):
        return self.call(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    @property
    def session_id(self):
        return next(c.value for c in self.jar if c.name == "session_id")


class Chromium:
    """Headless Chromium spoken to over the DevTools protocol."""

    def __init__(self):
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            sys.exit("Chromium is needed: apt-get install chromium")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.profile = tempfile.mkdtemp(prefix="autocrm-shots-")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ) as response:
                    pages = [t for t in json.load(response) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            sys.exit("Chromium did not start")
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"])
        self.next_id = 0
        self.send("Page.enable")
        self.send("Network.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.25)
        return False

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


# the web client has drawn its first screen: a view is there and nothing loads
READY = """
    !!document.querySelector('.o_action_manager :is(.o_view_controller, .o_form_view)')
    && !document.querySelector('.o_loading_indicator, .o_blockUI')
"""


def shoot(browser, session, url, path):
    host = url.split("//", 1)[1].split("/", 1)[0].split(":")[0]
    browser.send("Network.clearBrowserCookies")
    browser.send(
        "Network.setCookie",
        name="session_id",
        value=session.session_id,
        domain=host,
        path="/",
    )
    browser.send("Page.navigate", url=url + "/odoo")
    if not browser.wait_for(READY):
        raise RuntimeError(f"{path}: the first screen did not load")
    time.sleep(1.5)  # charts and images finish drawing
    shot = browser.send("Page.captureScreenshot", format="png")
    with open(path, "wb") as fh:
        fh.write(base64.b64decode(shot["data"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--out", default="docs/screens")
    parser.add_argument("--db", default="autocrm")
    parser.add_argument("--password", default="autocrm")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    browser = Chromium()
    try:
        for login, _role in ROLES:
            session = Session(args.url, args.db, login, args.password)
            (user,) = session.execute("res.users", "read", [session.uid], ["lang"])
            try:
                for lang in LANGS:
                    session.execute("res.users", "write", [session.uid], {"lang": lang})
                    path = os.path.join(args.out, f"{login}-{lang}.png")
                    shoot(browser, session, args.url, path)
                    print(path)
            finally:
                session.execute(
                    "res.users", "write", [session.uid], {"lang": user["lang"]}
                )
    finally:
        browser.close()


if __name__ == "__main__":
    main()
