# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

from odoo import models

REDHEAD_REPORT_NAME = "oa_document.report_redhead_document"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        """Red-head PDFs: one rendering per document, with its page marks.

        Each document is rendered on its own so that its pages are numbered
        from 1 and its format (e.g. the letter's top margin) applies to it.
        """
        report = self._get_report(report_ref)
        if report.report_name != REDHEAD_REPORT_NAME or not res_ids:
            return super()._render_qweb_pdf_prepare_streams(
                report_ref, data, res_ids=res_ids
            )
        streams = {}
        for res_id in res_ids:
            collected = super()._render_qweb_pdf_prepare_streams(
                report_ref, dict(data or {}), res_ids=[res_id]
            )
            stream = collected[res_id]["stream"]
            doc = self.env[report.model].browse(res_id)
            collected[res_id]["stream"] = io.BytesIO(
                doc._redhead_finish_pdf(stream.getvalue())
            )
            streams.update(collected)
        return streams
