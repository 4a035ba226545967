from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintChinese(ComplaintCase):
    """A dealer working in Chinese reads the complaint stages and categories the
    module ships in Chinese: the kanban's columns and the category list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["autocrm_complaint"], ["zh_CN"])
        cls.advisor_a.lang = "zh_CN"

    def test_kanban_columns_in_chinese(self):
        self._complaint()
        groups = (
            self.Complaint.with_user(self.advisor_a)
            .with_context(lang="zh_CN")
            .web_read_group([], ["stage_id"], ["stage_id"])["groups"]
        )
        self.assertEqual(
            [group["stage_id"][1] for group in groups],
            ["新建", "已受理", "处理中", "已解决", "已关闭"],
        )

    def test_categories_in_chinese(self):
        categories = (
            self.env["autocrm.complaint.category"]
            .with_user(self.advisor_a)
            .with_context(lang="zh_CN")
            .search([])
        )
        self.assertEqual(len(categories), 9)
        for category in categories:
            self.assertNotEqual(category.name, category.with_context(lang="en_US").name)
        self.assertEqual(
            self.category_waiting.with_context(lang="zh_CN").name, "等待过久"
        )
