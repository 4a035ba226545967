{
    "name": "After-Sales CRM: Warranty",
    "summary": "Warranty policies per vehicle model: coverage, first maintenance "
    "and the claim deadline",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "category": "Services/After-Sales",
    "depends": ["autocrm_customer", "repair", "stock"],
    "data": [
        "security/autocrm_warranty_groups.xml",
        "security/ir.model.access.csv",
        "security/autocrm_warranty_claim_security.xml",
        "data/autocrm_warranty_policy_data.xml",
        "data/ir_sequence_data.xml",
        "data/autocrm_warranty_claim_data.xml",
        "views/autocrm_warranty_policy_views.xml",
        "views/autocrm_warranty_menus.xml",
    ],
    "development_status": "Alpha",
    "maintainers": ["autocrm"],
    "installable": True,
}
