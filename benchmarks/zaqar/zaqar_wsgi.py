"""Zaqar's v2 WSGI application for gunicorn, configured from one file.

Zaqar's own entry point (``zaqar.transport.wsgi.app``) reads its configuration from
oslo.config's standard places (``/etc/zaqar/zaqar.conf``, ``~/.zaqar/``...). The benchmark
keeps its configuration private instead: this module reads only the file named by
``$HERALD_ZAQAR_CONFIG`` and otherwise builds the application exactly as Zaqar does
(bootstrap, WSGI transport).

    HERALD_ZAQAR_CONFIG=/tmp/run/zaqar.conf gunicorn zaqar_wsgi:application
"""

import os

from oslo_config import cfg
from oslo_log import log

from zaqar import bootstrap
from zaqar.common import consts


def _build_application():
    conf = cfg.CONF
    config_file = os.environ.get("HERALD_ZAQAR_CONFIG")
    if not config_file or not os.path.isfile(config_file):
        raise SystemExit("HERALD_ZAQAR_CONFIG must name an existing zaqar.conf")
    log.register_options(conf)
    conf(
        project="zaqar",
        prog="zaqar-queues",
        args=["--config-file", config_file],
        default_config_files=[],
        default_config_dirs=[],
    )
    log.setup(conf, "zaqar")
    boot = bootstrap.Bootstrap(conf)
    conf.set_override("transport", consts.TRANSPORT_WSGI, group="drivers")
    return boot.transport.app


application = _build_application()
