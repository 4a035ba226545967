{
    "name": "After-Sales CRM: Retention and Campaigns",
    "summary": "Retention and win-back cases for customers lost or about to be lost",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "category": "Services/After-Sales",
    "depends": ["autocrm_customer", "survey"],
    "data": [
        "security/ir.model.access.csv",
        "security/autocrm_retention_case_security.xml",
        "views/autocrm_retention_case_views.xml",
        "views/autocrm_campaign_menus.xml",
    ],
    "development_status": "Alpha",
    "maintainers": ["autocrm"],
    "installable": True,
}
