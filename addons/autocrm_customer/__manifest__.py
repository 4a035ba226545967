{
    "name": "After-Sales CRM: Customers and Vehicles",
    "summary": "Dealers and the OEM in one database: dealerships, vehicle models, "
    "customers, and the After-Sales CRM app",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "category": "Services/After-Sales",
    "depends": ["crm", "repair", "contacts", "mail"],
    "data": [
        "security/autocrm_customer_groups.xml",
        "security/ir.model.access.csv",
        "views/res_company_views.xml",
        "views/product_template_views.xml",
        "views/res_partner_views.xml",
        "views/autocrm_customer_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/product_demo.xml",
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
    ],
    "development_status": "Alpha",
    "maintainers": ["autocrm"],
    "application": True,
    "installable": True,
}
