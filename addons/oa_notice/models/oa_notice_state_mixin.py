# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError


class OaNoticeStateMixin(models.AbstractModel):
    """The state guard shared by notices, information items and meetings."""

    _name = "oa.notice.state.mixin"
    _description = "Notice State Guard"

    def _check_state(self, states, action):
        """Refuse ``action`` (a translated verb) unless all are in ``states``."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in states:
                raise UserError(
                    self.env._(
                        "%(record)s cannot be %(action)s while %(state)s.",
                        record=record.display_name,
                        action=action,
                        state=labels[record.state],
                    )
                )
