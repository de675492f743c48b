# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import tempfile

from werkzeug.exceptions import Forbidden
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import Response, content_disposition, request


class OaArchiveExportController(http.Controller):
    """Downloads of the export (archivists only): a transfer's ZIP package,
    written into a temporary file one member at a time and streamed from
    there (never held in memory as a whole), and one item's DA/T 48 package.
    Each download is in the audit log."""

    def _check_archivist(self):
        if not request.env.user.has_group("oa_archive.group_oa_archivist"):
            raise Forbidden(request.env._("Only archivists download archive packages."))

    @http.route(
        "/oa_archive/transfer/<int:transfer_id>/download",
        type="http",
        auth="user",
        methods=["GET"],
        sitemap=False,
    )
    def oa_archive_transfer_download(self, transfer_id, **kwargs):
        self._check_archivist()
        transfer = request.env["oa.archive.transfer"].browse(transfer_id).exists()
        if not transfer:
            raise request.not_found()
        transfer.check_access("read")
        package = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response
        try:
            transfer._write_package(package)
            size = package.tell()
            package.seek(0)
        except Exception:
            package.close()
            raise
        return Response(
            wrap_file(request.httprequest.environ, package),
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Length", str(size)),
                (
                    "Content-Disposition",
                    content_disposition(transfer._get_package_name()),
                ),
                ("Cache-Control", "no-store"),
            ],
            direct_passthrough=True,
        )

    @http.route(
        "/oa_archive/item/<int:item_id>/eep",
        type="http",
        auth="user",
        methods=["GET"],
        sitemap=False,
    )
    def oa_archive_item_eep(self, item_id, **kwargs):
        self._check_archivist()
        item = request.env["oa.archive.item"].browse(item_id).exists()
        if not item:
            raise request.not_found()
        item.check_access("read")
        Eep = request.env["oa.archive.eep"]
        content = Eep._build_eep(item)
        request.env["oa.audit.log"].sudo()._log_event(
            "archive_export",
            request.env._(
                "Package (EEP) of %(code)s downloaded", code=item.archival_code
            ),
            record=item,
        )
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/xml; charset=utf-8"),
                ("Content-Length", str(len(content))),
                (
                    "Content-Disposition",
                    content_disposition(Eep._get_eep_file_name(item)),
                ),
                ("Cache-Control", "no-store"),
            ],
        )
