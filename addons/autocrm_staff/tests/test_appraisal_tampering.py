from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import StaffCase


@tagged("post_install", "-at_install")
class TestAppraisalTampering(StaffCase):
    """Issue 19: an employee's JSON-RPC client cannot put scores into somebody
    else's feedback, nor type absurd numbers. Each refusal leaves the records as
    they were."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period = (
            cls.env["autocrm.appraisal.period"]
            .with_user(cls.hr_a)
            .create(
                {
                    "name": "2026 Q4",
                    "date_start": cls._day(-60),
                    "date_end": cls._day(30),
                }
            )
        )
        cls.period.action_open()
        Feedback = cls.env["autocrm.appraisal.feedback"]
        # the advisor's own upward feedback about the manager
        cls.own = Feedback.search(
            [
                ("period_id", "=", cls.period.id),
                ("direction", "=", "up"),
                ("reviewer_id", "=", cls.emp_advisor.id),
            ]
        )
        # the manager's downward feedback about a colleague of the advisor
        cls.about_colleague = Feedback.search(
            [
                ("period_id", "=", cls.period.id),
                ("direction", "=", "down"),
                ("reviewee_id", "=", cls.emp_2.id),
            ]
        )
        cls.about_colleague.answer_ids.with_user(cls.manager_a).write({"score": 40})

    def _stored(self, records):
        self.env.flush_all()
        self.env.invalidate_all()
        return records.with_env(self.env)

    def test_own_answer_cannot_move_onto_another_feedback(self):
        """The issue's write: bj01.advisor's answer, moved onto the manager's
        feedback about a colleague with a score of 100."""
        answer = self.own.answer_ids[0].with_user(self.advisor_a)
        colleague_answers = self.about_colleague.answer_ids
        with self.assertRaisesRegex(UserError, "stays with its feedback"):
            answer.write({"feedback_id": self.about_colleague.id, "score": 100})
        stored = self._stored(answer)
        self.assertEqual(stored.feedback_id, self.own)
        self.assertEqual(stored.score, 0)
        colleague = self._stored(self.about_colleague)
        self.assertEqual(colleague.answer_ids, colleague_answers)
        self.assertEqual(colleague.score, 40)

    def test_question_is_fixed_as_well_also_for_hr(self):
        answer = self.own.answer_ids[0]
        other_question = self.own.answer_ids[1].question_id
        for user in (self.advisor_a, self.hr_a):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(
                    UserError, "stays with its feedback and its question"
                ),
            ):
                answer.with_user(user).write({"question_id": other_question.id})
        with self.assertRaisesRegex(UserError, "stays with its feedback"):
            answer.with_user(self.hr_a).write({"feedback_id": self.about_colleague.id})
        stored = self._stored(answer)
        self.assertEqual(stored.question_id, self.own.answer_ids[0].question_id)
        self.assertEqual(stored.feedback_id, self.own)
        # the answer itself is the advisor's to give
        answer.with_user(self.advisor_a).write({"score": 70})
        self.assertEqual(self._stored(self.own).score, round(70 / 3))

    def test_answers_added_only_where_one_may_answer(self):
        """No answer is added to a feedback one may not answer: not by an employee,
        not into another dealership, not once the period is published, not to a
        question of another direction."""
        question = self.about_colleague.answer_ids[0].question_id
        answers_before = self._stored(self.about_colleague).answer_ids
        Answer = self.env["autocrm.appraisal.answer"]
        for user in (self.advisor_a, self.advisor_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Answer.with_user(user).create(
                    {
                        "feedback_id": self.about_colleague.id,
                        "question_id": question.id,
                        "score": 100,
                    }
                )
        # nor a second answer to one of the advisor's own questions
        up_question = self.own.answer_ids[0].question_id
        with self.assertRaises(AccessError):
            self.own.with_user(self.advisor_a).write(
                {
                    "answer_ids": [
                        Command.create({"question_id": up_question.id, "score": 100})
                    ]
                }
            )
        self.assertEqual(len(self._stored(self.own).answer_ids), 3)
        with self.assertRaisesRegex(ValidationError, "not asked in this direction"):
            Answer.with_user(self.hr_a).create(
                {"feedback_id": self.about_colleague.id, "question_id": up_question.id}
            )
        self.period.with_user(self.hr_a).action_close()
        self.period.with_user(self.hr_a).action_publish()
        with self.assertRaisesRegex(UserError, "period is published"):
            Answer.with_user(self.hr_a).create(
                {"feedback_id": self.about_colleague.id, "question_id": question.id}
            )
        stored = self._stored(self.about_colleague)
        self.assertEqual(stored.answer_ids, answers_before)
        self.assertEqual(stored.score, 40)

    def test_scores_out_of_range_refused(self):
        answer = self.own.answer_ids[0].with_user(self.advisor_a)
        with self.assertRaisesRegex(
            ValidationError, "Score is between 0 and 100; 101 is not"
        ):
            answer.write({"score": 101})
        with self.assertRaisesRegex(ValidationError, "Score is between 0 and 100"):
            self.own.with_user(self.advisor_a).write({"score": -5})
        appraisal = self.env["autocrm.appraisal"].search(
            [("period_id", "=", self.period.id), ("employee_id", "=", self.emp_2.id)]
        )
        with self.assertRaisesRegex(ValidationError, "Work Score is between 0 and 100"):
            appraisal.with_user(self.manager_a).write({"work_score": 1000})
        with self.assertRaisesRegex(
            ValidationError, r"Work Weight \(%\) is between 0 and 100"
        ):
            self.period.with_user(self.hr_a).write({"work_weight": 150})
        self.assertEqual(self._stored(answer).score, 0)
        self.assertEqual(self._stored(self.own).score, 0)
        self.assertEqual(self._stored(appraisal).work_score, 0)
        self.assertEqual(self._stored(self.period).work_weight, 40)

    def test_costs_trainings_and_plans_out_of_range_refused(self):
        Cost = self.env["autocrm.service.cost"].with_user(self.manager_a)
        cost = Cost.create({"name": "Lounge coffee", "budget": 500, "amount": 400})
        with self.assertRaisesRegex(ValidationError, "Actual cannot be less than 0"):
            cost.write({"amount": -400})
        with self.assertRaisesRegex(ValidationError, "Budget cannot be less than 0"):
            Cost.create({"name": "Refund", "budget": -1})
        training = (
            self.env["autocrm.training"]
            .with_user(self.manager_a)
            .create(
                {
                    "name": "Angry customer role play",
                    "attendee_ids": [Command.create({"employee_id": self.emp_2.id})],
                }
            )
        )
        with self.assertRaisesRegex(
            ValidationError, r"Duration \(hours\) is between 0 and 500"
        ):
            training.write({"duration": 10000})
        with self.assertRaisesRegex(ValidationError, "Score is between 0 and 100"):
            training.attendee_ids.write({"score": 1000})
        plan = (
            self.env["autocrm.work.plan"]
            .with_user(self.advisor_a)
            .create(
                {
                    "name": "Follow-ups",
                    "plan_type": "followup",
                    "user_id": self.advisor_a.id,
                    "date_start": self._day(-10),
                    "date_end": self._day(3),
                    "target_count": 5,
                }
            )
        )
        with self.assertRaisesRegex(ValidationError, "Planned cannot be less than 0"):
            plan.write({"target_count": -5})
        with self.assertRaisesRegex(
            ValidationError, "Revenue Target cannot be less than 0"
        ):
            plan.write({"revenue_target": -1000})
        self.assertEqual(self._stored(cost).amount, 400)
        self.assertEqual(self._stored(training).duration, 2.0)
        self.assertEqual(self._stored(training).attendee_ids.score, 0)
        self.assertEqual(self._stored(plan).target_count, 5)
