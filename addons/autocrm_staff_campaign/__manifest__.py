{
    "name": "After-Sales CRM: Staff and Campaigns",
    "summary": "Campaign costs in the service cost analysis, campaign responders in "
    "the staff's activity plans",
    "version": "18.0.1.0.0",
    "license": "LGPL-3",
    "author": "AutoCRM",
    "website": "https://github.com/autocrm/autocrm",
    "category": "Services/After-Sales",
    "depends": ["autocrm_staff", "autocrm_campaign"],
    "auto_install": True,
    "development_status": "Alpha",
    "maintainers": ["autocrm"],
    "installable": True,
}
