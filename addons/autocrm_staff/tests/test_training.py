from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StaffCase


@tagged("post_install", "-at_install")
class TestTraining(StaffCase):
    def test_training_on_the_employee(self):
        training = (
            self.env["autocrm.training"]
            .with_user(self.manager_a)
            .create(
                {
                    "name": "Angry customer role play",
                    "topic": "self_control",
                    "method": "role_play",
                    "attendee_ids": [
                        Command.create(
                            {"employee_id": self.emp_advisor.id, "score": 90}
                        ),
                        Command.create({"employee_id": self.emp_2.id, "score": 70}),
                    ],
                }
            )
        )
        self.assertEqual(training.company_id, self.dealer_a)
        self.assertEqual((training.attendee_count, training.average_score), (2, 80.0))
        employee = self.emp_advisor.with_user(self.hr_a)
        self.assertEqual(employee.autocrm_training_count, 1)
        self.assertEqual(employee.autocrm_training_ids.score, 90)
        action = employee.action_view_autocrm_trainings()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]).training_id, training
        )
        # staff read their dealership's trainings, not another's, and do not edit
        Training = self._as(self.advisor_b, "autocrm.training")
        self.assertFalse(Training.search([]))
        with self.assertRaises(AccessError):
            Training.browse(training.id).read(["name"])
        with self.assertRaises(AccessError):
            self._as(self.advisor_a, "autocrm.training").browse(training.id).write(
                {"name": "Mine"}
            )
