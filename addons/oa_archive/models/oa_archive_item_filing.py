# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.archive_pdf import text_pdf
from ..tools.archive_stamp import pdf_page_count, stamp_pdf

_logger = logging.getLogger(__name__)

SHEET_REPORT = "oa_archive.action_report_oa_archive_sheet"


class OaArchiveItem(models.Model):
    """Filing (DA/T 22-2015): the handling sheet, the 归档章 and volumes.

    * Handling sheet (文件处理单 / 发文稿纸 / 签报处理单): a PDF made from the
      item's catalogue data and its handling record when it is filed, once,
      and sealed with the other files. If it cannot be made, nothing is filed
      and the clerk is told why.
    * 归档章: the stored main text is never changed; "Print with Archive Stamp"
      downloads a copy with the stamp on its first page.
    * 页数 is taken from the PDF files when the item is proposed without it.
    """

    _inherit = "oa.archive.item"

    title_composed = fields.Boolean(
        string="Self-Composed Title (自拟题名)",
        help="The title was written by the archivist (the document had none); "
        "the catalogue shows it in square brackets.",
    )
    catalogue_title = fields.Char(
        string="Title in the Catalogue", compute="_compute_catalogue_title"
    )
    can_print_stamped = fields.Boolean(compute="_compute_can_print_stamped")

    @api.depends("name", "title_composed")
    def _compute_catalogue_title(self):
        for item in self:
            item.catalogue_title = (
                f"[{item.name}]" if item.title_composed and item.name else item.name
            )

    @api.depends("state", "file_ids.role", "file_ids.mimetype", "file_ids.file_name")
    def _compute_can_print_stamped(self):
        for item in self:
            main = item.file_ids.filtered(lambda f: f.role == "main")[:1]
            item.can_print_stamped = (
                item.state == "filed"
                and bool(main)
                and not main.removed
                and (
                    main.mimetype == "application/pdf"
                    or (main.file_name or "").lower().endswith(".pdf")
                )
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._fill_pages()
        return items

    def _fill_pages(self):
        """Pages of each PDF file, and the item's 页数 when it has none."""
        for item in self:
            total = 0
            for file in item.file_ids:
                count = pdf_page_count(file._get_content())
                if count and not file.pages:
                    file.sudo().pages = count
                total += file.pages or count
            if not item.pages and total:
                item.sudo().pages = total

    # ------------------------------------------------------------
    # Handling sheet
    # ------------------------------------------------------------

    def _do_before_sealing(self):
        res = super()._do_before_sealing()
        for item in self:
            if not item.file_ids.filtered(lambda f: f.role == "sheet"):
                item._add_handling_sheet()
        return res

    def _add_handling_sheet(self):
        """Render the handling sheet and join it to the item (role sheet)."""
        self.ensure_one()
        try:
            content = self._render_handling_sheet()
        except psycopg2.Error:
            raise  # a concurrency error: the request is replayed
        except Exception as error:
            _logger.warning(
                "Handling sheet of archive item %s not made: %s", self.id, error
            )
            raise UserError(
                self.env._(
                    "The handling sheet of %(item)s could not be made, so nothing "
                    "was filed: %(error)s",
                    item=self.name,
                    error=error,
                )
            ) from error
        title = self._get_sheet_title()
        last = max(self.file_ids.mapped("sequence") or [0])
        self.env["oa.archive.file"].sudo().create(
            {
                "item_id": self.id,
                "role": "sheet",
                "sequence": last + 1,
                "name": title,
                "file_name": f"{self.archival_code or self.name} {title}.pdf",
                "file": base64.b64encode(content),
                "pages": pdf_page_count(content),
            }
        )

    def _render_handling_sheet(self):
        """The handling sheet of the item as PDF bytes."""
        self.ensure_one()
        report = (
            self.env["ir.actions.report"]
            .sudo()
            .with_context(force_report_rendering=True, oa_archive_no_assets=True)
        )
        content, report_type = report._render_qweb_pdf(SHEET_REPORT, self.ids)
        if report_type != "pdf" or not content.startswith(b"%PDF"):
            raise UserError(self.env._("The PDF renderer returned no PDF."))
        return content

    def _get_source_record(self):
        """The record the item was proposed from (as superuser), if any."""
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return None
        record = self.env[self.res_model].sudo().browse(self.res_id).exists()
        return record or None

    def _get_sheet_title(self):
        """文件处理单 (incoming), 发文稿纸 (outgoing), 签报处理单 (memo)."""
        self.ensure_one()
        source = self._get_source_record()
        doc_type = (
            source.doc_type
            if source is not None and "doc_type" in source._fields
            else None
        )
        if doc_type == "incoming":
            return self.env._("Document Handling Sheet (文件处理单)")
        if doc_type == "outgoing":
            return self.env._("Outgoing Document Draft Sheet (发文稿纸)")
        if doc_type == "memo":
            return self.env._("Memo Handling Sheet (签报处理单)")
        return self.env._("Handling Sheet (处理单)")

    def _get_sheet_values(self):
        """What the handling sheet shows, as strings (the report's data)."""
        self.ensure_one()
        _ = self.env._
        labels = self._selection_labels()
        source = self._get_source_record()
        incoming = (
            source is not None
            and "doc_type" in source._fields
            and source.doc_type == "incoming"
        )
        rows = [
            (_("Title (题名)"), self.catalogue_title or ""),
            (
                _("Sender's No. (来文字号)") if incoming else _("Document No. (文号)"),
                self.doc_number or "",
            ),
            (
                _("Sender (来文机关)") if incoming else _("Author (责任者)"),
                self.author or "",
            ),
            (_("Date (日期)"), self.date_code or ""),
            (_("Kind (文种)"), self.kind or ""),
            (_("Classification (密级)"), labels["secrecy"].get(self.secrecy, "")),
            (_("Archival Code (档号)"), self.archival_code or ""),
            (_("Retention (保管期限)"), labels["retention"].get(self.retention, "")),
            (_("Unit (机构/问题)"), self.org_id.name or ""),
        ]
        if self.source_name:
            rows.append((_("Source"), self.source_name))
        events = [
            {
                "index": index + 1,
                "action": event.action or "",
                "agent": " ".join(
                    filter(
                        None,
                        [
                            event.agent_name,
                            event.on_behalf_of
                            and _("(for %(name)s)", name=event.on_behalf_of),
                        ],
                    )
                ),
                "unit": " ".join(filter(None, [event.department_name, event.position])),
                "date": self._format_local_datetime(event.date),
                "description": event.description or "",
            }
            for index, event in enumerate(
                self.event_ids.sorted(lambda e: (e.sequence, e.date, e.id))
            )
        ]
        role_labels = dict(
            self.env["oa.archive.file"]._fields["role"]._description_selection(self.env)
        )
        files = [
            {
                "role": role_labels.get(file.role, file.role),
                "name": file.name,
                "pages": file.pages or "",
            }
            for file in self.file_ids.sorted(lambda f: (f.sequence, f.id))
            if file.role != "sheet"
        ]
        return {
            "unit": self.fonds_id.unit_name or self.fonds_id.name or "",
            "title": self._get_sheet_title(),
            "rows": rows,
            "events": events,
            "files": files,
            "printed": _(
                "Made by the system at filing on %(date)s by %(user)s.",
                date=self._format_local_datetime(fields.Datetime.now()),
                user=self.env.user.name,
            ),
        }

    def _selection_labels(self):
        return {
            fname: dict(self._fields[fname]._description_selection(self.env))
            for fname in ("secrecy", "retention", "state")
        }

    def _format_local_datetime(self, value):
        if not value:
            return ""
        stamp = fields.Datetime.context_timestamp(self, value)
        return stamp.strftime("%Y-%m-%d %H:%M")

    # ------------------------------------------------------------
    # 归档章
    # ------------------------------------------------------------

    def _get_stamp_rows(self):
        """The 归档章 cells: 全宗号 年度 件号 / 机构(问题) 保管期限 页数."""
        self.ensure_one()
        return [
            [self.fonds_id.code, str(self.year), f"{self.item_no:04d}"],
            [
                self.org_id.name or self.org_id.code or "",
                self.retention or "",
                str(self.pages or ""),
            ],
        ]

    def _get_stamped_pdf(self):
        """A copy of the main text with the 归档章; the original is unchanged."""
        self.ensure_one()
        self.check_access("read")
        if self.state != "filed" or not self.item_no:
            raise UserError(
                self.env._(
                    "%(item)s is not filed: only a filed item has an archive stamp.",
                    item=self.name,
                )
            )
        main = self.file_ids.filtered(lambda f: f.role == "main")[:1]
        main.check_access("read")
        content = main._get_content() if main and not main.removed else b""
        if not content.startswith(b"%PDF"):
            raise UserError(
                self.env._(
                    "The main text of %(code)s is not a PDF: the archive stamp is "
                    "printed on PDF files only.",
                    code=self.archival_code,
                )
            )
        stamped = stamp_pdf(content, self._get_stamp_rows())
        self.env["oa.audit.log"].sudo()._log_event(
            "archive_access",
            self.env._(
                "Printed %(code)s with the archive stamp", code=self.archival_code
            ),
            record=self,
        )
        return stamped

    def _get_stamped_file_name(self):
        self.ensure_one()
        return f"{self.archival_code}.pdf"

    def action_print_stamped(self):
        """Download the main text with the 归档章 (see the controller)."""
        self.ensure_one()
        if not self.can_print_stamped:
            raise UserError(
                self.env._(
                    "Only the PDF main text of a filed item is printed with the "
                    "archive stamp."
                )
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/oa_archive/item/{self.id}/stamped",
            "target": "download",
        }

    # ------------------------------------------------------------
    # Volumes
    # ------------------------------------------------------------

    def action_create_volume(self):
        """Bind these filed items of one class into a new volume (案卷)."""
        self._check_archivist()
        if not self:
            raise UserError(self.env._("Select the items to bind into a volume."))
        problems = []
        for item in self.sorted(lambda i: (i.item_no, i.id)):
            if item.state != "filed":
                problems.append(self.env._("%(item)s is not filed.", item=item.name))
            elif item.volume_id:
                problems.append(
                    self.env._(
                        "%(code)s is already in the volume %(volume)s.",
                        code=item.archival_code,
                        volume=item.volume_id.code,
                    )
                )
        if len(self.series_id) > 1:
            problems.append(
                self.env._(
                    "The items are in several classes (%(classes)s): a volume "
                    "holds items of one class.",
                    classes=", ".join(self.series_id.mapped("name")),
                )
            )
        if problems:
            raise UserError(
                self.env._(
                    "No volume was made:\n%(problems)s", problems="\n".join(problems)
                )
            )
        first = self.sorted(lambda i: (i.item_no, i.id))[0]
        name = (
            first.name
            if len(self) == 1
            else self.env._(
                "%(title)s and %(count)s more", title=first.name, count=len(self) - 1
            )
        )
        volume = self.env["oa.archive.volume"].create(
            {
                "name": name,
                "series_id": self.series_id.id,
                "item_ids": [(4, item.id) for item in self],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "oa.archive.volume",
            "res_id": volume.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------

    @api.model
    def _demo_create_filing_items(self):
        """Demo: items of this year with their PDF texts and handling records,
        filed by the archivist 陈晓丽, and one item waiting in the queue."""
        ref = self.env.ref
        if ref("oa_archive.item_filing_workplan_demo", raise_if_not_found=False):
            return
        archivist = ref("oa_archive.user_da_chen_demo")
        lang = archivist.lang
        if lang and self.env["res.lang"]._lang_get(lang):
            # Module terms are loaded after demo data: the sheets speak Chinese.
            self.env["ir.module.module"]._load_module_terms(["oa_archive"], [lang])
        today = fields.Date.context_today(self)
        year = today.year

        def day(month, mday):
            return min(fields.Date.to_date(f"{year}-{month:02d}-{mday:02d}"), today)

        def user(login):
            return ref(f"oa_base.user_{login}_demo")

        def at(date, hour):
            return fields.Datetime.to_datetime(f"{date} {hour:02d}:00:00")

        def event(index, action, login, date, hour, description):
            person = user(login)
            employee = person.employee_id[:1]
            return (
                0,
                0,
                {
                    "sequence": index,
                    "action": action,
                    "step_name": action,
                    "date": at(date, hour),
                    "user_id": person.id,
                    "agent_name": person.name,
                    "department_name": employee.department_id.name or False,
                    "position": employee.job_title or False,
                    "description": description,
                },
            )

        def outgoing_events(date, drafter, signer):
            return [
                event(0, "拟稿", drafter, date, 1, "提交核稿。"),
                event(1, "核稿", "bgs_liu", date, 3, "核稿完毕。"),
                event(2, "签发", signer, date, 6, "同意印发。"),
                event(3, "登记编号·套红", "bgs_zhao", date, 7, "已登记编号并套红。"),
                event(4, "核发", "bgs_liu", date, 8, "核发。"),
            ]

        def incoming_events(date, lead):
            return [
                event(0, "签收", "bgs_liu", date, 1, "来文签收。"),
                event(1, "拟办", "bgs_zhang", date, 2, "拟请周局长阅示。"),
                event(2, "批办", "juzhang", date, 5, "请办公室牵头办理。"),
                event(3, "承办", lead, date, 8, "已按要求办理并报送。"),
                event(4, "办结", "bgs_liu", date, 9, "办结。"),
            ]

        org = {
            code: ref(f"oa_archive.org_{code}_demo") for code in ("bgs", "zhk", "hsk")
        }
        specs = [
            (
                "item_filing_workplan_demo",
                {
                    "name": f"江澄市统计局关于印发《{year}年全市统计工作要点》的通知",
                    "doc_number": f"江统发〔{year}〕3号",
                    "author": "江澄市统计局",
                    "date": day(1, 15),
                    "retention": "Y",
                    "org_id": org["zhk"].id,
                    "kind": "通知",
                    "event_ids": outgoing_events(day(1, 15), "zhk_he", "juzhang"),
                },
                [
                    "各科室、数管中心：",
                    f"现将《{year}年全市统计工作要点》印发给你们，请结合实际认真贯彻落实。",
                    "全市统计工作要坚持依法统计、依法治统，着力提升统计数据质量。",
                ],
            ),
            (
                "item_filing_inspection_demo",
                {
                    "name": f"关于开展{year}年度统计执法检查的通知",
                    "doc_number": f"苏统发〔{year}〕21号",
                    "author": "省统计局",
                    "date": day(3, 2),
                    "retention": "D30",
                    "org_id": org["bgs"].id,
                    "kind": "通知",
                    "event_ids": incoming_events(day(3, 4), "bgs_zhang"),
                },
                [
                    "各设区市统计局：",
                    "为贯彻落实统计法律法规，决定在全省开展统计执法检查。",
                    "请于规定时间内报送执法检查自查情况。",
                ],
            ),
            (
                "item_filing_quality_demo",
                {
                    "name": f"江澄市统计局关于{year}年上半年统计数据质量检查情况的报告",
                    "doc_number": f"江统发〔{year}〕12号",
                    "author": "江澄市统计局",
                    "date": day(7, 1),
                    "retention": "D30",
                    "org_id": org["hsk"].id,
                    "kind": "报告",
                    "event_ids": outgoing_events(day(7, 1), "hsk_zheng", "juzhang"),
                },
                [
                    "江澄市人民政府：",
                    "按照市政府工作部署，我局对全市统计数据质量开展了专项检查。",
                    "本次检查共抽查调查对象120家，现将有关情况报告如下。",
                ],
            ),
            (
                "item_filing_letters_demo",
                {
                    "name": "江澄市统计局与市数据局关于统计数据共享的往来函件",
                    "title_composed": True,
                    "author": "江澄市统计局",
                    "date": day(4, 10),
                    "retention": "D10",
                    "org_id": org["bgs"].id,
                    "kind": "函",
                    "note": "题名为整理时自拟",
                    "event_ids": incoming_events(day(4, 10), "bgs_zhang"),
                },
                [
                    "市数据局：",
                    "为推进政务数据共享，我局拟与贵局建立统计数据共享机制。",
                ],
            ),
            (
                "item_filing_meeting_demo",
                {
                    "name": f"关于召开{year}年一季度统计分析会的通知",
                    "doc_number": f"江统办〔{year}〕5号",
                    "author": "江澄市统计局办公室",
                    "date": day(4, 2),
                    "retention": "D10",
                    "org_id": org["bgs"].id,
                    "kind": "通知",
                    "event_ids": outgoing_events(day(4, 2), "bgs_zhao", "fgjz_wang"),
                },
                [
                    "各科室：",
                    f"经研究，定于近期召开{year}年一季度统计分析会，请各科室做好准备。",
                ],
            ),
            (
                "item_filing_to_file_demo",
                {
                    "name": f"关于报送{year}年上半年统计执法工作总结的通知",
                    "doc_number": f"苏统办〔{year}〕33号",
                    "author": "省统计局办公室",
                    "date": day(6, 20),
                    "retention": "D30",
                    "proposed_retention": "D30",
                    "org_id": org["bgs"].id,
                    "kind": "通知",
                    "event_ids": incoming_events(day(6, 22), "bgs_zhang"),
                },
                [
                    "各设区市统计局：",
                    "请于7月15日前报送上半年统计执法工作总结。",
                ],
            ),
        ]
        # Proposed by the system (the handling record is written as superuser),
        # filed by the archivist.
        Item = self.sudo().with_context(lang=lang, tracking_disable=True)
        to_file = Item.browse()
        for xmlid, vals, paragraphs in specs:
            content = text_pdf(vals["name"], paragraphs, number=vals.get("doc_number"))
            vals.update(
                year=year,
                fonds_id=ref("oa_archive.fonds_demo").id,
                file_ids=[
                    (
                        0,
                        0,
                        {
                            "role": "main",
                            "sequence": 0,
                            "name": vals["name"],
                            "file_name": f"{vals['name']}.pdf",
                            "file": base64.b64encode(content),
                        },
                    )
                ],
            )
            item = Item.create(vals)
            self.env["ir.model.data"]._update_xmlids(
                [{"xml_id": f"oa_archive.{xmlid}", "record": item, "noupdate": True}]
            )
            if xmlid != "item_filing_to_file_demo":
                to_file |= item
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok":
            to_file.with_user(archivist).action_file()
        else:
            _logger.warning("wkhtmltopdf is missing: the demo items stay to be filed.")
