{
    "name": "After-Sales CRM: Complaints",
    "summary": "Complaint categories: why customers complain, each with its priority",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "category": "Services/After-Sales",
    "depends": ["autocrm_customer"],
    "data": [
        "security/ir.model.access.csv",
        "data/autocrm_complaint_category_data.xml",
        "views/autocrm_complaint_category_views.xml",
        "views/autocrm_complaint_menus.xml",
    ],
    "development_status": "Alpha",
    "maintainers": ["autocrm"],
    "installable": True,
}
