"""Warranty claims from draft to payment: the dealership drafts and submits,
ships the used parts; the OEM's claims centre receives, inspects, decides, pays
and settles."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from . import catalogue as cat


class WarrantyMixin:
    """Claims, used-part returns, the OEM's review, payments and settlements."""

    def draft_claim(self, visit):
        """The advisor drafts the claim from the warranty repair's order and adds
        the causal part, the fault codes and the labour (sometimes more hours
        than the flat rate)."""
        dealer = visit.car.owner.dealer
        env = self.as_user(dealer.advisor, dealer.company)
        repair = visit.record.with_env(env)
        action = repair.action_create_warranty_claim()
        claim = env["autocrm.warranty.claim"].browse(action["res_id"])
        fault = visit.fault
        operation = self.operation(fault["operation"])
        hours = operation.flat_rate_hours + (0.5 if visit.outcome == "lower" else 0.0)
        codes = (
            self.env["autocrm.fault.code"]
            .search([("code", "in", fault["codes"])])
            .filtered(lambda code: code._fits_model(claim.model_id))
            .ids
        )
        claim.write(
            {
                "causal_part_id": self.product(fault["part"]).id,
                "fault_code_ids": [(6, 0, codes)],
                "diagnosis": fault["diagnosis"],
                "repair_report": fault["report"],
                "labour_line_ids": [
                    (0, 0, {"operation_id": operation.id, "hours": hours})
                ],
            }
        )
        self.name_xmlid(claim, f"autocrm_warranty_claim_{visit.key}")
        self.claim_outcome[claim.id] = visit.outcome
        self.counts["claims"] += 1
        self.later(
            dealer, self.day_of(dealer), (0, 3), (9, 17), self.submit_claim, claim
        )

    def submit_claim(self, claim):
        """Submitted within the OEM's ten days; reviewed within days, or once its
        used parts are back and inspected."""
        dealer = self.dealer_of(claim.company_id)
        env = self.as_user(dealer.advisor, dealer.company)
        claim = claim.with_env(env)
        claim.action_submit()
        if claim.part_line_ids.filtered("return_required"):
            return  # reviewed once its parts are back and inspected
        self.later(
            dealer, self.day_of(dealer), (3, 9), (9, 17), self.review_claim, claim
        )

    def ship_returns(self, dealer):
        """The dealership boxes the used parts of its submitted claims and ships
        them; the OEM's desk receives and inspects them days later."""
        env = self.as_user(dealer.advisor, dealer.company)
        PartReturn = env["autocrm.part.return"]
        today = self.day_of(dealer)
        # the parts of the claims submitted so far (not those the demo dates later)
        lines = (
            PartReturn.new({"company_id": dealer.company.id})
            ._outstanding_claim_lines()
            .filtered(lambda line: line.claim_id.submitted_date <= today)
        )
        if not lines:
            return
        part_return = PartReturn.create(
            {
                "company_id": dealer.company.id,
                "carrier_tracking_ref": f"SF{self.luck.randrange(10**11, 10**12)}",
                "line_ids": [
                    (0, 0, {"claim_line_id": line.id, "quantity": line.quantity})
                    for line in lines
                ],
            }
        )
        part_return.action_ship()
        self.name_xmlid(part_return, f"autocrm_part_return_{part_return.id}")
        self.counts["part returns"] += 1
        self.later(
            dealer, self.day_of(dealer), (3, 5), (9, 12), self.receive, part_return
        )

    def receive(self, part_return):
        env = self.as_user(self.reviewer, self.oem)
        part_return = part_return.with_env(env)
        part_return.action_receive()
        dealer = self.dealer_of(part_return.company_id)
        self.later(
            dealer, self.day_of(dealer), (1, 2), (13, 17), self.inspect, part_return
        )

    def inspect(self, part_return):
        env = self.as_user(self.reviewer, self.oem)
        part_return = part_return.with_env(env)
        for line in part_return.line_ids:
            outcome = self.claim_outcome.get(line.claim_id.id, "approve")
            if outcome == "inspect:no_defect":
                line.write(
                    {
                        "inspection_result": "no_defect",
                        "inspection_note": "Bench test passed: no leak, no play.",
                    }
                )
            else:
                line.inspection_result = "defect_confirmed"
        part_return.action_inspect()
        dealer = self.dealer_of(part_return.company_id)
        for claim in part_return.line_ids.claim_id:
            self.later(
                dealer, self.day_of(dealer), (1, 4), (9, 17), self.review_claim, claim
            )

    def review_claim(self, claim):
        """The OEM's claims centre decides: approves (at the flat rate when more
        hours were claimed, saying so), or rejects with its reason."""
        env = self.as_user(self.reviewer, self.oem)
        claim = claim.with_env(env)
        if claim.state != "submitted":
            return
        outcome = self.claim_outcome.get(claim.id, "approve")
        unproven = claim.part_line_ids.filtered(
            lambda p: p.return_required and p.inspection_result != "defect_confirmed"
        )
        if outcome.startswith("reject") or unproven:
            category = outcome.split(":")[1] if ":" in outcome else "no_defect"
            claim.write(
                {
                    "rejection_category": category,
                    "rejection_reason": cat.REJECTIONS[category],
                }
            )
            claim.action_reject()
            return
        if outcome == "lower":
            excess = sum(
                (line.hours - line.flat_rate_hours) * line.rate
                for line in claim.labour_line_ids
                if line.hours > line.flat_rate_hours
            )
            claim.write(
                {
                    "amount_approved": claim.amount_claimed - excess,
                    "approval_reason": "Labour paid at the flat-rate hours: the "
                    "extra 0.5 h is not covered.",
                }
            )
        claim.action_approve()
        self.watch_followups()

    def pay_claims(self):
        """The OEM's payment run: the claims approved two days ago or more."""
        env = self.as_user(self.reviewer, self.oem)
        today = self.oem._autocrm_today()
        claims = env["autocrm.warranty.claim"].search(
            [("state", "=", "approved"), ("approved_date", "<=", today - timedelta(2))]
        )
        if claims:
            claims.action_pay()

    def settle(self, dealer, month):
        """The settlement statement of the dealership's claims paid last month."""
        env = self.as_user(self.reviewer, self.oem)
        date_from = month - relativedelta(months=1)
        date_to = month - timedelta(days=1)
        paid = env["autocrm.warranty.claim"].search_count(
            [
                ("company_id", "=", dealer.company.id),
                ("state", "=", "paid"),
                ("paid_date", ">=", date_from),
                ("paid_date", "<=", date_to),
                ("settlement_id", "=", False),
            ]
        )
        if not paid:
            return
        settlement = env["autocrm.warranty.settlement"].create(
            {
                "company_id": dealer.company.id,
                "date_from": date_from,
                "date_to": date_to,
            }
        )
        settlement.action_load_claims()
        settlement.action_confirm()
        self.name_xmlid(settlement, f"autocrm_warranty_settlement_{settlement.id}")
        self.counts["settlements"] += 1
