{
    "name": "After-Sales CRM: Staff and Complaints",
    "summary": "Complaints against each staff member in the staff quality analysis",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "category": "Services/After-Sales",
    "depends": ["autocrm_staff", "autocrm_complaint"],
    "auto_install": True,
    "development_status": "Alpha",
    "maintainers": ["autocrm"],
    "installable": True,
}
