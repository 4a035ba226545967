import datetime
import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# PostgreSQL's integer column (int4); an Integer field beyond it would reach the user
# as a database error.
INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1
# No Float or Monetary figure a user types is anywhere near this.
FLOAT_LIMIT = 1e12
# The dates a user may type: Python's date arithmetic breaks near the year 9999, and
# no car, visit or follow-up of the suite is dated outside these.
DATE_MIN, DATE_MAX = datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)
# Commands of an x2many value that link existing records: (4, id) and (6, 0, ids).
LINK, SET = fields.Command.LINK, fields.Command.SET


class AutocrmDealerMixin(models.AbstractModel):
    """The server-side checks of the values a user writes, shared by the suite's
    models (and by the stock models the suite extends with dealer data).

    On ``create`` and ``write``, before anything is written, whoever writes:

    - numbers (Integer, Float, Monetary) are numbers, within
      ``_autocrm_ranges[field]`` (``(minimum, maximum)``, either ``None`` for no
      bound) and in any case within what the database column holds;
    - a selection is one of the field's values;
    - a date or date-time is one, between 1900 and 2099.

    And as a dealer's user (not the OEM, not the superuser): every existing record
    linked through a relational field to a dealer-owned model (a model inheriting
    this mixin, or a company) is one the user may read. Ids are small integers: a
    dealer that could link another dealer's customer, vehicle or visit to its own
    record would read it through that link.

    A value refused raises a ``ValidationError`` (or an ``AccessError`` for a link)
    that names the field and says what is allowed; nothing is written.
    """

    _name = "autocrm.dealer.mixin"
    _description = "After-Sales CRM: Checks of the Values Users Write"

    # field name: (minimum, maximum), inclusive; None for no bound
    _autocrm_ranges = {}
    # Refuse, but to the superuser, a value for a stored computed field nobody may
    # write (read-only, without an inverse: an amount, a count, a deadline, a
    # related dealership): the ORM would store it as sent, over JSON-RPC too. The
    # suite's models; the stock models it extends keep Odoo's own behaviour.
    _autocrm_protect_computed = True

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._autocrm_check_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._autocrm_check_values(vals)
        return super().write(vals)

    # ------------------------------------------------------------------ values

    def _autocrm_check_values(self, vals):
        """Refuse, before writing, what ``vals`` would write wrongly (see the
        class)."""
        self._autocrm_check_computed(vals)
        dealer_user = self._autocrm_is_dealer_user()
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or not field.store and not field.inverse:
                continue
            if field.type in ("integer", "float", "monetary"):
                self._autocrm_check_number(field, value)
            elif field.type == "selection":
                self._autocrm_check_selection(field, value)
            elif field.type in ("date", "datetime"):
                self._autocrm_check_date(field, value)
            elif dealer_user and field.relational:
                self._autocrm_check_link(field, value)

    def _autocrm_check_computed(self, vals):
        """Refuse ``vals`` that write a stored computed field nobody may write (see
        ``_autocrm_protect_computed``)."""
        if self.env.su or not self._autocrm_protect_computed:
            return
        written = [
            field
            for field in map(self._fields.get, vals)
            if field
            and field.store
            and field.compute
            and field.readonly
            and not field.inverse
        ]
        if written:
            raise AccessError(
                self.env._(
                    "%(fields)s follow from the rest of the record and cannot be "
                    "written.",
                    fields=", ".join(map(self._autocrm_field_label, written)),
                )
            )

    def _autocrm_field_label(self, field):
        return field._description_string(self.env)

    def _autocrm_check_number(self, field, value):
        if value is False or value is None:
            return
        label = self._autocrm_field_label(field)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(
                self.env._("%(field)s must be a number.", field=label)
            )
        if field.type == "integer" and value != int(value):
            raise ValidationError(
                self.env._("%(field)s must be a whole number.", field=label)
            )
        if not math.isfinite(value):
            raise ValidationError(
                self.env._("%(field)s must be a number.", field=label)
            )
        low, high = self._autocrm_ranges.get(field.name, (None, None))
        if field.type == "integer":
            low = INT4_MIN if low is None else max(low, INT4_MIN)
            high = INT4_MAX if high is None else min(high, INT4_MAX)
        else:
            low = -FLOAT_LIMIT if low is None else low
            high = FLOAT_LIMIT if high is None else high
        if low <= value <= high:
            return
        if low <= -FLOAT_LIMIT or low == INT4_MIN:
            message = self.env._(
                "%(field)s cannot be more than %(high)s; %(value)s is.",
                field=label,
                high=high,
                value=value,
            )
        elif high >= FLOAT_LIMIT or high == INT4_MAX:
            message = self.env._(
                "%(field)s cannot be less than %(low)s; %(value)s is.",
                field=label,
                low=low,
                value=value,
            )
        else:
            message = self.env._(
                "%(field)s is between %(low)s and %(high)s; %(value)s is not.",
                field=label,
                low=low,
                high=high,
                value=value,
            )
        raise ValidationError(message)

    def _autocrm_check_selection(self, field, value):
        if value is False or value is None:
            return
        allowed = field.get_values(self.env)
        if value not in allowed:
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)r is not one of its choices.",
                    field=self._autocrm_field_label(field),
                    value=value,
                )
            )

    def _autocrm_check_date(self, field, value):
        if not value:
            return
        label = self._autocrm_field_label(field)
        try:
            day = (
                field.to_date(value)
                if field.type == "date"
                else field.to_datetime(value)
            )
        except (TypeError, ValueError):
            day = None
        if day is None:
            raise ValidationError(
                self.env._(
                    "%(field)s: %(value)r is not a date.", field=label, value=value
                )
            )
        if isinstance(day, datetime.datetime):
            day = day.date()
        if not DATE_MIN <= day <= DATE_MAX:
            raise ValidationError(
                self.env._(
                    "%(field)s: %(day)s is not a plausible date (between %(low)s and "
                    "%(high)s).",
                    field=label,
                    day=day,
                    low=DATE_MIN,
                    high=DATE_MAX,
                )
            )

    # ------------------------------------------------------------- dealer scope

    def _autocrm_check_dealer_partner(self, partner_field="partner_id"):
        """A dealership's record names its own customers and the owners of the
        vehicles shared with it; the OEM's (its hotline, its call-backs) any
        customer of the network. For the models' constraints on the customer and
        the company."""
        for record in self.filtered(
            lambda r: r[partner_field] and r.company_id.autocrm_role != "oem"
        ):
            # as superuser: the check must see the customer whatever the user may
            # see; the message does not name it
            partner = record[partner_field].sudo()
            if not partner.filtered_domain(
                partner._check_company_domain(record.company_id)
            ):
                raise ValidationError(
                    self.env._(
                        "This customer is not a customer of %(dealer)s.",
                        dealer=record.company_id.name,
                    )
                )

    def _autocrm_check_dealer_vehicle(self, vehicle_field="vehicle_id", oem=False):
        """A dealership's record names only vehicles known at the dealership (sold,
        serviced or found by VIN there); the OEM's any vehicle, unless ``oem``."""
        for record in self.filtered(
            lambda r: r[vehicle_field] and (oem or r.company_id.autocrm_role != "oem")
        ):
            # as superuser: the dealerships a vehicle is shared with are not shown
            # to the user; the message does not name the vehicle
            if record.company_id not in record[vehicle_field].sudo().dealer_ids:
                raise ValidationError(
                    self.env._(
                        "This vehicle is not known at %(dealer)s yet: find it by its "
                        "VIN first.",
                        dealer=record.company_id.name,
                    )
                )

    # ------------------------------------------------------------------- links

    @api.model
    def _autocrm_is_dealer_user(self):
        """Whether the checks of a dealer's user apply: not the superuser, not the
        OEM."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("autocrm_customer.group_dealer_user")
            and not user.has_group("autocrm_customer.group_oem_user")
        )

    @api.model
    def _autocrm_is_dealer_owned(self, model_name):
        """Whether the records of ``model_name`` belong to a dealership: a company,
        or a model with this mixin."""
        return model_name == "res.company" or isinstance(
            self.env[model_name], self.env.registry["autocrm.dealer.mixin"]
        )

    def _autocrm_check_link(self, field, value):
        if not self._autocrm_is_dealer_owned(field.comodel_name):
            return
        if field.type == "many2one":
            ids = {value} if value else set()
        else:
            ids = set()
            for command in value or ():
                if not isinstance(command, list | tuple) or not command:
                    continue
                if command[0] == LINK:
                    ids.add(command[1])
                elif command[0] == SET:
                    ids.update(command[2] or ())
            # links that are there already are not new
            if ids and self:
                ids -= set(self.sudo()[field.name].ids)
        ids = {i for i in ids if i}
        if not ids:
            return
        if any(not isinstance(i, int) or isinstance(i, bool) for i in ids):
            raise ValidationError(
                self.env._(
                    "%(field)s: a record is given by its id, a number.",
                    field=self._autocrm_field_label(field),
                )
            )
        targets = self.env[field.comodel_name].browse(sorted(ids))
        existing = targets.exists()
        readable = (
            existing._autocrm_linkable()
            if hasattr(existing, "_autocrm_linkable")
            else existing._filtered_access("read")
        )
        if len(readable) != len(targets):
            refused = targets - readable
            Comodel = self.env[field.comodel_name]
            reason = (
                Comodel._autocrm_not_yours_message()
                if hasattr(Comodel, "_autocrm_not_yours_message")
                else self.env._("it is not one your dealership may see")
            )
            raise AccessError(
                self.env._(
                    "%(field)s: record %(ids)s cannot be chosen: %(reason)s.",
                    field=self._autocrm_field_label(field),
                    ids=", ".join(str(i) for i in refused.ids),
                    reason=reason,
                )
            )

    def _autocrm_linkable(self):
        """The records of ``self`` a dealer's user may link to: those he may
        read."""
        return self._filtered_access("read")

    @api.model
    def _autocrm_not_yours_message(self):
        """Why a dealer's user may not link one of these records (the end of a
        sentence; it names no record)."""
        return self.env._(
            "it is not a record of %(dealer)s", dealer=self.env.company.name
        )
