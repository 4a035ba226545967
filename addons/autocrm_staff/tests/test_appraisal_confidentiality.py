from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import StaffCase


@tagged("post_install", "-at_install")
class TestAppraisalConfidentiality(StaffCase):
    """Upward feedback is secret: read by its author and HR alone. The manager it is
    about, the peers and everyone else see only the average (upward_score), once
    three or more answered and the period is closed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = (
            cls.env["autocrm.appraisal.period"]
            .with_user(cls.hr_a)
            .create(
                {
                    "name": "2026 Q4",
                    "frequency": "quarter",
                    "date_start": cls._day(-60),
                    "date_end": cls._day(30),
                }
            )
        )
        cls.period.action_open()
        cls.Feedback = cls.env["autocrm.appraisal.feedback"]
        cls.up = {
            feedback.reviewer_id: feedback
            for feedback in cls.Feedback.search(
                [
                    ("period_id", "=", cls.period.id),
                    ("direction", "=", "up"),
                    ("reviewee_id", "=", cls.emp_manager.id),
                ]
            )
        }
        cls.manager_appraisal = cls._appraisal(cls.emp_manager)
        cls.advisor_appraisal = cls._appraisal(cls.emp_advisor)

    @classmethod
    def _appraisal(cls, employee):
        return cls.env["autocrm.appraisal"].search(
            [("period_id", "=", cls.period.id), ("employee_id", "=", employee.id)]
        )

    def _answer(self, employee, user, score):
        feedback = self.up[employee].with_user(user)
        for answer in feedback.answer_ids:
            answer.score = score
        feedback.action_submit()
        return feedback.with_env(self.env)

    def _three_answers(self):
        return (
            self._answer(self.emp_advisor, self.advisor_a, 60)
            | self._answer(self.emp_2, self.sub_2, 70)
            | self._answer(self.emp_3, self.sub_3, 95)
        )

    def _hr_move(self, *actions):
        for action in actions:
            getattr(self.period.with_user(self.hr_a), action)()

    def test_everyone_appraised_and_asked(self):
        employees_a = self.env["hr.employee"].search(
            [("company_id", "=", self.dealer_a.id)]
        )
        self.assertEqual(self.period.appraisal_ids.employee_id, employees_a)
        self.assertEqual(
            set(self.up), {self.emp_advisor, self.emp_2, self.emp_3, self.emp_4}
        )
        down = self.Feedback.search(
            [("period_id", "=", self.period.id), ("direction", "=", "down")]
        )
        self.assertEqual(down.reviewer_id, self.emp_manager)
        self.assertEqual(len(down), 4)
        self.assertTrue(self.up[self.emp_2].answer_ids, "questions asked")

    def test_only_hr_opens(self):
        period = self.period.copy({"name": "Next"})
        with self.assertRaises(AccessError):
            period.with_user(self.manager_a).action_open()

    def test_upward_answers_secret(self):
        answered = self._three_answers()
        for answer in answered:
            self.assertEqual(len(answer.answer_ids), 3)
        # the reviewee (the manager), a peer who did not answer, and a colleague
        # who answered but not these ones: none of them reads an upward answer
        for user in (self.manager_a, self.sub_4, self.advisor_a):
            Feedback = self._as(user, "autocrm.appraisal.feedback")
            visible = Feedback.search([("direction", "=", "up")])
            others = answered.filtered(lambda f, u=user: f.reviewer_user_id != u)
            self.assertFalse(visible & others, user.login)
            with self.assertRaises(AccessError, msg=user.login):
                Feedback.browse(others[0].id).read(["score"])
            Answer = self._as(user, "autocrm.appraisal.answer")
            self.assertFalse(Answer.search([("feedback_id", "in", others.ids)]))
            with self.assertRaises(AccessError, msg=user.login):
                Answer.browse(others[0].answer_ids[0].id).read(["score"])
            # what the user sees of upward feedback is what they wrote, also
            # through a group-by of the scores
            self.assertFalse(
                visible.filtered(lambda f, u=user: f.reviewer_user_id != u)
            )
            groups = Feedback.read_group([("direction", "=", "up")], ["score:sum"], [])
            self.assertEqual(groups[0]["__count"], len(visible), user.login)
        # the author reads their own, HR reads them all
        own = self._as(self.advisor_a, "autocrm.appraisal.feedback").browse(
            self.up[self.emp_advisor].id
        )
        self.assertEqual(own.score, 60)
        HrFeedback = self._as(self.hr_a, "autocrm.appraisal.feedback")
        self.assertEqual(
            HrFeedback.search([("direction", "=", "up"), ("state", "=", "done")]),
            answered,
        )
        self.assertEqual(
            sorted(HrFeedback.browse(answered.ids).mapped("score")), [60, 70, 95]
        )

    def test_upward_score_needs_three_answers_and_a_closed_period(self):
        self._answer(self.emp_advisor, self.advisor_a, 60)
        self._answer(self.emp_2, self.sub_2, 70)
        self._hr_move("action_close")
        self.assertEqual(self.manager_appraisal.upward_count, 2)
        self.assertFalse(self.manager_appraisal.upward_score, "two are too few")

    def test_upward_score_is_the_average_only(self):
        self._three_answers()
        self.assertFalse(
            self.manager_appraisal.upward_score, "hidden while answers come in"
        )
        self._hr_move("action_close")
        self.assertEqual(self.manager_appraisal.upward_score, 75.0)
        # before publication the manager does not read their own appraisal
        Appraisal = self._as(self.manager_a, "autocrm.appraisal")
        self.assertNotIn(self.manager_appraisal, Appraisal.search([]))
        with self.assertRaises(AccessError):
            Appraisal.browse(self.manager_appraisal.id).read(["upward_score"])
        self._hr_move("action_publish")
        Appraisal = self._as(self.manager_a, "autocrm.appraisal")
        mine = Appraisal.browse(self.manager_appraisal.id)
        self.assertEqual(mine.upward_score, 75.0)
        # the feedback list of an appraisal is HR's only
        with self.assertRaises(AccessError):
            mine.read(["feedback_ids"])
        # still no single answer, even published
        with self.assertRaises(AccessError):
            self._as(self.manager_a, "autocrm.appraisal.feedback").browse(
                self.up[self.emp_advisor].id
            ).read(["score"])
        # a peer (subordinate of the same manager) reads neither appraisal
        for user in (self.sub_4, self.advisor_a):
            Appraisal = self._as(user, "autocrm.appraisal")
            self.assertNotIn(self.manager_appraisal, Appraisal.search([]))
            with self.assertRaises(AccessError):
                Appraisal.browse(self.manager_appraisal.id).read(["upward_score"])

    def test_reviewee_sees_scores_only_once_published(self):
        down = self.Feedback.search(
            [
                ("period_id", "=", self.period.id),
                ("direction", "=", "down"),
                ("reviewee_id", "=", self.emp_advisor.id),
            ]
        )
        down.with_user(self.manager_a).write({"comment": "Reliable"})
        Appraisal = self._as(self.manager_a, "autocrm.appraisal")
        Appraisal.browse(self.advisor_appraisal.id).write({"work_score": 80})
        # the advisor neither reads nor scores their own appraisal before publication
        Appraisal = self._as(self.advisor_a, "autocrm.appraisal")
        self.assertFalse(Appraisal.search([]))
        with self.assertRaises(AccessError):
            Appraisal.browse(self.advisor_appraisal.id).read(["work_score"])
        with self.assertRaises(AccessError):
            Appraisal.browse(self.advisor_appraisal.id).write({"work_score": 100})
        Feedback = self._as(self.advisor_a, "autocrm.appraisal.feedback")
        with self.assertRaises(AccessError):
            Feedback.browse(down.id).read(["comment"])
        self._hr_move("action_close", "action_publish")
        Appraisal = self._as(self.advisor_a, "autocrm.appraisal")
        self.assertEqual(Appraisal.search([]), self.advisor_appraisal)
        self.assertEqual(Appraisal.browse(self.advisor_appraisal.id).work_score, 80)
        Feedback = self._as(self.advisor_a, "autocrm.appraisal.feedback")
        self.assertEqual(Feedback.browse(down.id).comment, "Reliable")
        with self.assertRaises(UserError):
            self.advisor_appraisal.with_user(self.hr_a).write({"work_score": 90})

    def test_manager_scores_only_while_open(self):
        appraisal = self.advisor_appraisal.with_user(self.manager_a)
        appraisal.write({"work_score": 70, "work_note": "Good follow-ups"})
        with self.assertRaises(UserError):
            appraisal.write({"results_score": 100})
        self._hr_move("action_close")
        with self.assertRaises(UserError):
            appraisal.write({"work_score": 90})
        # a reviewer cannot answer once the period is closed
        with self.assertRaises(UserError):
            self.up[self.emp_4].with_user(self.sub_4).write({"score": 10})

    def test_dealer_isolation(self):
        period_b = self.env["autocrm.appraisal.period"].create(
            {
                "name": "B 2026 Q4",
                "company_id": self.dealer_b.id,
                "date_start": self._day(-60),
                "date_end": self._day(30),
            }
        )
        appraisal_b = self.env["autocrm.appraisal"].create(
            {"period_id": period_b.id, "employee_id": self.emp_b.id}
        )
        for model, record in (
            ("autocrm.appraisal.period", period_b),
            ("autocrm.appraisal", appraisal_b),
        ):
            Model = self._as(self.hr_a, model)
            self.assertNotIn(record, Model.search([]))
            with self.assertRaises(AccessError):
                Model.browse(record.id).read(["company_id"])
