from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        self._autocrm_summaries_in_assignee_lang(vals_list)
        return super().create(vals_list)

    @api.model
    def _autocrm_summaries_in_assignee_lang(self, vals_list):
        """Give each new activity whose summary is its type's default summary, as
        the creator reads it, that summary in its assignee's language (in place).

        The scheduled actions of the suite create activities for dealers' staff in
        the language of the cron's user (English), and a user scheduling an
        activity for a colleague gets the default summary in their own language;
        the assignee reads it in theirs. A summary of the creator's own is kept.
        Summaries built from a message (``env._``) are translated by their caller
        with ``_autocrm_assignee_env``."""
        todo = [
            vals
            for vals in vals_list
            if vals.get("summary")
            and vals.get("activity_type_id")
            and vals.get("user_id")
        ]
        if not todo:
            return
        types = self.env["mail.activity.type"].browse(
            {vals["activity_type_id"] for vals in todo}
        )
        default_summary = {
            activity_type.id: activity_type.summary for activity_type in types
        }
        todo = [
            vals
            for vals in todo
            if vals["summary"] == default_summary[vals["activity_type_id"]]
        ]
        if not todo:
            return
        # sudo: reads the assignees' language only, whoever schedules for them
        users = self.env["res.users"].sudo().browse({vals["user_id"] for vals in todo})
        user_lang = {user.id: user.lang for user in users}
        own_lang = self.env.lang or "en_US"
        summaries = {}
        for vals in todo:
            type_id, lang = vals["activity_type_id"], user_lang[vals["user_id"]]
            if not lang or lang == own_lang:
                continue
            if (type_id, lang) not in summaries:
                summaries[type_id, lang] = (
                    types.browse(type_id).with_context(lang=lang).summary
                )
            vals["summary"] = summaries[type_id, lang]

    @api.model
    def _autocrm_create_batch(
        self, records, activity_type, user_of, deadline_of, values_of=None
    ):
        """Give ``records`` their activities of ``activity_type`` in one
        ``create()``, and return them.

        - ``user_of(record)``: the assignee, or assignees (one activity each); a
          record without one gets none;
        - ``deadline_of(record)``: the due date;
        - ``values_of(record, user)``, optional: more values, or other ones (a
          summary or a note in the assignee's language, see
          ``_autocrm_assignee_env``), over ``_autocrm_prepare_batch_values``.

        ``mail_activity_quick_update`` skips the notification of each assignee (an
        inbox message or e-mail per activity, ~50 activities/s against ~450):
        assignees find the records in their activities, refreshed as usual. The
        activities' document names are computed while the records' names are
        read in one go (``res_name`` would read them record by record).
        """
        vals_list = [
            {
                **self._autocrm_prepare_batch_values(
                    record, activity_type, user, deadline_of(record)
                ),
                **(values_of(record, user) if values_of else {}),
            }
            for record in records
            for user in user_of(record)
        ]
        if not vals_list:
            return self.browse()
        # as superuser: only reads the names the activities' res_name (computed
        # as superuser) shows, whatever the creator may read
        records.sudo().mapped("display_name")
        activities = self.with_context(mail_activity_quick_update=True).create(
            vals_list
        )
        activities.mapped("res_name")
        return activities

    @api.model
    def _autocrm_prepare_batch_values(self, record, activity_type, user, deadline):
        """The values of the activity of ``activity_type`` given to ``user`` on
        ``record``, due on ``deadline``, by ``_autocrm_create_batch``: an
        automated activity (the scheduled actions' own, which they mark done or
        remove) with its type's summary."""
        return {
            "activity_type_id": activity_type.id,
            "summary": activity_type.summary,
            "automated": True,
            "date_deadline": deadline,
            "res_model_id": self.env["ir.model"]._get_id(record._name),
            "res_id": record.id,
            "user_id": user.id,
        }

    @api.model
    def _autocrm_assignee_env(self, user):
        """This environment in ``user``'s language: ``env._`` there translates a
        message for an activity ``user`` is given."""
        return self.env(
            context=dict(self.env.context, lang=user.sudo().lang or "en_US")
        )
