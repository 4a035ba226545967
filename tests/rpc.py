"""A JSON-RPC client of the suite's Odoo, and a real HTTP server to talk to."""

import http.cookiejar
import json
import socket
import subprocess
import time
import urllib.request

from .common import log_file, odoo_command

PASSWORD = "autocrm"  # every demo user's


class RpcError(Exception):
    """A JSON-RPC answer with an error; ``error`` is its payload."""

    def __init__(self, error):
        super().__init__(f"{error['data']['name']}: {error['data']['message']}")
        self.error = error


class Client:
    """A browser session logged in as ``login``: a cookie jar, JSON-RPC over urllib."""

    def __init__(self, url, db, login, password=PASSWORD):
        self.url = url
        self.login = login
        self.context = {}  # sent with every call, under the call's own context
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies)
        self.rpc("/web/session/authenticate", db=db, login=login, password=password)

    def rpc(self, path, **params):
        """POST a JSON-RPC call to ``path``: its result, or RpcError."""
        body = {"jsonrpc": "2.0", "method": "call", "params": params}
        request = urllib.request.Request(
            self.url + path,
            json.dumps(body).encode(),
            {"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=120) as response:
            answer = json.load(response)
        if "error" in answer:
            raise RpcError(answer["error"])
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)``, called as the web client does."""
        if self.context:
            kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        return self.rpc(
            "/web/dataset/call_kw", model=model, method=method, args=args, kwargs=kwargs
        )

    def load_menus(self):
        """The menus the user sees, as the web client loads them."""
        url = f"{self.url}/web/webclient/load_menus/0"
        with self.opener.open(url, timeout=120) as response:
            return json.load(response)

    def app_menus(self):
        """The xml ids of the user's root menus (his apps)."""
        menus = self.load_menus()
        return {menus[str(menu_id)]["xmlid"] for menu_id in menus["root"]["children"]}

    def all_menus(self):
        """The xml ids of every menu the user sees."""
        return {menu["xmlid"] for menu in self.load_menus().values()}

    def ref(self, xmlid):
        """The database id of the record ``xmlid``."""
        module, name = xmlid.split(".")
        [data] = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        return data["res_id"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def last_lines(logfile, count=5):
    """The last lines of a server's log: what it was doing."""
    try:
        lines = logfile.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-count:]) or "(empty log)"


def wait_until_healthy(server, url, logfile, stall=120, timeout=900):
    """Wait until Odoo answers ``/web/health``.

    Odoo's threaded server listens at once, but ``/web/health`` runs in the
    database's context (``--db-filter`` names one database), so it waits for the
    registry that the server loads first (``-d``): every module's models, views
    and data checks, which take 10-20 s on an idle 2-core machine and several times
    that when other processes share the cores. So wait as long as the server makes
    progress (its log grows), and fail only when it exits, stalls for ``stall``
    seconds or takes longer than ``timeout``, saying what it was doing.
    """
    started = time.monotonic()
    last_size, last_progress = -1, started
    while True:
        now = time.monotonic()
        if server.poll() is not None:
            raise RuntimeError(
                f"Odoo exited with code {server.returncode} before answering "
                f"/web/health; the end of {logfile}:\n{last_lines(logfile)}"
            )
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=5) as response:
                if json.load(response)["status"] == "pass":
                    return
        except OSError:  # not listening yet, or busy loading the registry
            pass
        size = logfile.stat().st_size if logfile.exists() else 0
        if size != last_size:
            last_size, last_progress = size, now
        if now - last_progress > stall or now - started > timeout:
            raise RuntimeError(
                f"/web/health did not answer in {now - started:.0f} s (log silent "
                f"for {now - last_progress:.0f} s); the end of {logfile}:\n"
                f"{last_lines(logfile)}"
            )
        time.sleep(0.5)


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def start_server(db):
    """Start Odoo's HTTP server on ``db`` (no cron): its URL and a stop function."""
    port = free_port()
    logfile = log_file(f"rpc-server-{db}.log")
    args = ["--http-interface", "127.0.0.1", "--http-port", str(port)]
    args += ["--db-filter", f"^{db}$", "--max-cron-threads", "0"]
    with open(logfile, "w") as log:
        server = subprocess.Popen(
            odoo_command(db, *args), stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(server, url, logfile)
    except Exception:
        stop(server)
        raise
    return url, lambda: stop(server)
