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
    def _autocrm_assignee_env(self, user):
        """This environment in ``user``'s language: ``env._`` there translates a
        message for an activity ``user`` is given."""
        return self.env(
            context=dict(self.env.context, lang=user.sudo().lang or "en_US")
        )
