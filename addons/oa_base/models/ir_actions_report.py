# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..tools.pdf_cjk import fix_cjk_pdf_text


class IrActionsReport(models.Model):
    """Chinese PDFs whose text reads as written (see ``oa_base.tools.pdf_cjk``)."""

    _inherit = "ir.actions.report"

    oa_fix_cjk_text = fields.Boolean(
        string="Fix Chinese Text Layer",
        help="Map the Kangxi radicals that wkhtmltopdf writes for some Chinese "
        "characters back to the characters, so that text copied, searched or "
        "indexed from the PDF reads as written. The printed page does not change.",
    )

    def _run_wkhtmltopdf(self, bodies, report_ref=False, *args, **kwargs):
        content = super()._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)
        if report_ref and self._get_report(report_ref).oa_fix_cjk_text:
            content = fix_cjk_pdf_text(content)
        return content
