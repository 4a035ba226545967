from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount


def check_computed_vals(records, vals):
    """Refuse ``vals`` that write a stored computed field nobody may write (read-only,
    without an inverse: an amount, a count, a related dealership or vehicle). The ORM
    would store the value as sent, over JSON-RPC too, and the figures that follow
    from it (a claim's amounts) would build on it. The superuser's code may."""
    if records.env.su:
        return
    written = [
        field
        for field in map(records._fields.get, vals)
        if field
        and field.store
        and field.compute
        and field.readonly
        and not field.inverse
    ]
    if written:
        raise AccessError(
            records.env._(
                "%(fields)s follow from the rest of the record and cannot be written.",
                fields=", ".join(
                    field._description_string(records.env) for field in written
                ),
            )
        )


class AutocrmWarrantyClaimLine(models.AbstractModel):
    """What the labour and part lines of a claim share: their price comes from the
    OEM's lists, server-side.

    The price field of a line (``_list_price_field``: a part's unit price, a labour
    line's hourly rate) is computed from the OEM's list, and stays writable so that
    the OEM's claims reviewers may set another one. Anyone else (a dealer's user,
    over JSON-RPC too) may only write the list's value: another one is refused, with
    the field and the list's value, before anything is written. A reviewer's price
    is marked on the line (``price_overridden``) and posted in the claim's chatter,
    who, old → new; submitting a dealer's claim checks every line again.
    """

    _name = "autocrm.warranty.claim.line"
    _description = "Warranty Claim Line Priced from the OEM's Lists"
    _inherit = ["autocrm.dealer.mixin"]

    # the price field, and the fields that change its list value (writing them
    # recomputes the price from the list)
    _list_price_field = None
    _list_price_depends = frozenset()

    price_overridden = fields.Boolean(
        string="Price Set by the OEM",
        readonly=True,
        copy=False,
        help="The OEM's claims reviewer set this price instead of its list's.",
    )
    price_editable = fields.Boolean(
        compute="_compute_price_editable",
        help="The user may set another price than the list's: a claims reviewer.",
    )

    @api.depends_context("uid")
    def _compute_price_editable(self):
        editable = self._may_override_price()
        for line in self:
            line.price_editable = editable

    # ------------------------------------------------------------------
    # What each kind of line says
    # ------------------------------------------------------------------
    def _list_price(self, vals):
        """The list's value of the price field for this line (none: a line being
        created) once ``vals`` are written."""
        raise NotImplementedError()

    def _list_price_line_name(self, vals):
        """How messages name this line (none: a line being created from ``vals``)."""
        raise NotImplementedError()

    def _list_price_claim(self, vals):
        return (
            self.env["autocrm.warranty.claim"].browse(vals["claim_id"])
            if vals.get("claim_id")
            else self.claim_id
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model
    def _may_override_price(self):
        return self.env["autocrm.warranty.claim"]._is_reviewer()

    def _is_list_price(self, value, listed, vals):
        currency = self._list_price_currency(vals)
        return not currency.compare_amounts(value, listed)

    def _list_price_currency(self, vals):
        return self._list_price_claim(vals).currency_id or self.env.company.currency_id

    def _format_price(self, value, vals):
        return format_amount(self.env, value, self._list_price_currency(vals))

    def _check_price_override(self, value, listed, vals):
        """Refuse another price than the list's to whoever is no claims reviewer."""
        if self._may_override_price():
            return
        field = self._fields[self._list_price_field]
        raise AccessError(
            self.env._(
                "%(field)s of %(line)s: the OEM's list says %(listed)s, not "
                "%(value)s. Prices and rates come from the OEM's lists; only its "
                "claims reviewers set another one.",
                field=field._description_string(self.env),
                line=self._list_price_line_name(vals),
                listed=self._format_price(listed, vals),
                value=self._format_price(value, vals),
            )
        )

    def _check_price_vals(self, vals):
        if "price_overridden" in vals and not self.env.su:
            raise AccessError(
                self.env._(
                    "A line is marked as priced by the OEM when its claims reviewer "
                    "sets its price; the mark cannot be written."
                )
            )
        # numbers, links and choices first: the list's value is looked up with them
        self._autocrm_check_values(vals)

    def _written_price(self, vals):
        """The price ``vals`` write, as a number (an emptied price is 0); None when
        they write none, or no number (the value checks refuse it)."""
        if self._list_price_field not in vals:
            return None
        value = vals[self._list_price_field]
        if value is False or value is None:
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return value

    def _check_list_prices(self):
        """On submission: each line carries its list's price, or the one the OEM's
        reviewer set."""
        fname = self._list_price_field
        field = self._fields[fname]
        for line in self.filtered(lambda line: not line.price_overridden):
            listed = line._list_price({})
            if not line._is_list_price(line[fname], listed, {}):
                raise UserError(
                    self.env._(
                        "Claim %(claim)s: %(field)s of %(line)s is %(value)s, but the "
                        "OEM's list says %(listed)s. Remove the line and add it again "
                        "to take the list's price, or ask the OEM's claims centre.",
                        claim=line.claim_id.name,
                        field=field._description_string(self.env),
                        line=line._list_price_line_name({}),
                        value=line._format_price(line[fname], {}),
                        listed=line._format_price(listed, {}),
                    )
                )

    def _post_price_overrides(self, overrides):
        """Post each price a reviewer set in its claim's chatter: who, old → new,
        and the list's price. ``overrides``: [(line, old price, list price)]."""
        field = self._fields[self._list_price_field]
        for line, old, listed in overrides:
            line.claim_id.message_post(
                body=self.env._(
                    "Price set by %(user)s instead of the OEM's list: %(field)s of "
                    "%(line)s %(old)s → %(new)s (list: %(listed)s).",
                    user=self.env.user.name,
                    field=field._description_string(self.env),
                    line=line._list_price_line_name({}),
                    old=line._format_price(old, {}),
                    new=line._format_price(line[self._list_price_field], {}),
                    listed=line._format_price(listed, {}),
                ),
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        overridden = []
        for index, vals in enumerate(vals_list):
            self._check_price_vals(vals)
            value = self._written_price(vals)
            if value is None:
                continue
            listed = self.browse()._list_price(vals)
            if self.browse()._is_list_price(value, listed, vals):
                continue
            self.browse()._check_price_override(value, listed, vals)
            vals["price_overridden"] = True
            overridden.append((index, listed))
        lines = super().create(vals_list)
        self._post_price_overrides(
            [(lines[index], listed, listed) for index, listed in overridden]
        )
        return lines

    def write(self, vals):
        fname = self._list_price_field
        self._check_price_vals(vals)
        value = self._written_price(vals)
        if value is None:
            if self._list_price_depends & vals.keys():
                # the price follows the list again
                vals = dict(vals, price_overridden=False)
            return super().write(vals)
        listed_lines = self.browse()
        overrides = []
        for line in self:
            listed = line._list_price(vals)
            if line._is_list_price(value, listed, vals):
                listed_lines |= line
            elif not (self._list_price_depends & vals.keys()) and line._is_list_price(
                value, line[fname], vals
            ):
                # the price the line has (a reviewer's), sent back unchanged
                continue
            else:
                line._check_price_override(value, listed, vals)
                overrides.append((line, line[fname], listed))
        res = super().write(vals)
        overridden = self.browse([line.id for line, _old, _listed in overrides])
        # as superuser: the mark follows from the checks above, nobody writes it
        listed_lines.filtered("price_overridden").sudo().write(
            {"price_overridden": False}
        )
        overridden.filtered(lambda line: not line.price_overridden).sudo().write(
            {"price_overridden": True}
        )
        self._post_price_overrides(overrides)
        return res
