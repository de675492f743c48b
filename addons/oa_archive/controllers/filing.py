# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import content_disposition, request


class OaArchiveFilingController(http.Controller):
    """Downloads of filing: the main text with the 归档章 (a copy made on
    the fly, the archived original is never changed). Whoever may read the
    item and its main text may print it; each print is in the audit log."""

    @http.route(
        "/oa_archive/item/<int:item_id>/stamped",
        type="http",
        auth="user",
        methods=["GET"],
        sitemap=False,
    )
    def oa_archive_item_stamped(self, item_id, **kwargs):
        item = request.env["oa.archive.item"].browse(item_id).exists()
        if not item:
            raise request.not_found()
        content = item._get_stamped_pdf()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", str(len(content))),
                (
                    "Content-Disposition",
                    content_disposition(item._get_stamped_file_name()),
                ),
                ("Cache-Control", "no-store"),
            ],
        )
