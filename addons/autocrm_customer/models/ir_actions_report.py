import functools
import logging
import subprocess

from odoo import api, models

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)


@functools.cache
def _headers_printed():
    """Whether this server's wkhtmltopdf prints HTML headers and footers: only a
    build with patched Qt does (``wkhtmltopdf 0.12.6 (with patched qt)``); the
    Debian and Ubuntu packages ignore ``--header-html``, so Odoo's letterhead
    (logo, company, address) is missing from every printed page."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return True  # no wkhtmltopdf: Odoo prints HTML, with its header
    patched = "patched qt" in version.lower()
    if not patched:
        _logger.info(
            "wkhtmltopdf without patched Qt: the suite's printed forms carry "
            "their letterhead in the page body"
        )
    return patched


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _autocrm_headers_printed(self):
        """Whether the letterhead of ``web.external_layout`` is printed; when it
        is not, ``autocrm_customer.external_layout`` prints it in the body."""
        return _headers_printed()
