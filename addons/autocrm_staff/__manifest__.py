{
    "name": "After-Sales CRM: Staff",
    "summary": "Service cost budgets and actuals per dealership and category",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "category": "Services/After-Sales",
    "depends": ["autocrm_customer", "hr"],
    "data": [
        "security/ir.model.access.csv",
        "security/autocrm_service_cost_security.xml",
        "views/autocrm_service_cost_views.xml",
        "views/autocrm_staff_menus.xml",
    ],
    "development_status": "Alpha",
    "maintainers": ["autocrm"],
    "installable": True,
}
