# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError


class OaNoticeStateMixin(models.AbstractModel):
    """A state guard for records with a ``state`` field: actions refuse the
    records that are not in the states they start from."""

    _name = "oa.state.mixin"
    _description = "State Guard"

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
