"""The front proxy of a prefork Odoo, as nginx is in production: /longpolling/ to the long-polling (gevent)
process, everything else to the HTTP workers. The web client's bus polls /longpolling/poll on the page's
origin, which a prefork worker refuses ("bus.Bus unavailable").

    python scripts/odoo_proxy.py LISTEN_PORT HTTP_PORT LONGPOLLING_PORT
"""
import sys

from werkzeug.middleware.http_proxy import ProxyMiddleware
from werkzeug.serving import run_simple


class OdooProxy(ProxyMiddleware):
    """/longpolling/ to the long-polling process; every other path to the HTTP workers."""

    def __init__(self, http_port, longpolling_port):
        # host None: the client's Host header goes through, so that Odoo's redirects point back at the proxy;
        # the timeout outlasts a long poll (50 s)
        super().__init__(None, {'/longpolling/': {'target': 'http://127.0.0.1:%d/' % longpolling_port,
                                                  'host': None}}, timeout=70)
        self.http = {'target': 'http://127.0.0.1:%d/' % http_port, 'host': None, 'remove_prefix': False,
                     'headers': {}, 'ssl_context': None}

    def __call__(self, environ, start_response):
        path = environ['PATH_INFO']
        if path.startswith('/longpolling/'):
            return super().__call__(environ, start_response)
        return self.proxy_to(self.http, path, '/')(environ, start_response)


def main(listen_port, http_port, longpolling_port):
    run_simple('127.0.0.1', listen_port, OdooProxy(http_port, longpolling_port), threaded=True)


if __name__ == '__main__':
    main(*(int(arg) for arg in sys.argv[1:4]))
