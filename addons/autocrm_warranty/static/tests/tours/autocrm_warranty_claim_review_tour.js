import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The dealer's claims officer submits a drafted claim to the OEM.
registry.category("web_tour.tours").add("autocrm_warranty_claim_submit_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the After-Sales CRM app",
            trigger: '.o_app[data-menu-xmlid="autocrm_customer.menu_root"]',
            run: "click",
        },
        {
            content: "Open the Warranty menu",
            trigger:
                '.o_main_navbar [data-menu-xmlid="autocrm_warranty.menu_warranty"]',
            run: "click",
        },
        {
            content: "Open the warranty claims",
            trigger:
                '.o-dropdown--menu [data-menu-xmlid="autocrm_warranty.autocrm_warranty_claim_menu"]',
            run: "click",
        },
        {
            content: "Open the draft claim",
            trigger: ".o_list_view .o_data_row td[name=name]",
            run: "click",
        },
        {
            content: "Submit it to the OEM",
            trigger: ".o_form_view .o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        {
            content: "It is submitted",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=submitted]",
        },
    ],
});

// The OEM's claims reviewer approves a submitted claim from the review kanban.
registry.category("web_tour.tours").add("autocrm_warranty_claim_review_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the After-Sales CRM app",
            trigger: '.o_app[data-menu-xmlid="autocrm_customer.menu_root"]',
            run: "click",
        },
        {
            content: "Open the Warranty menu",
            trigger:
                '.o_main_navbar [data-menu-xmlid="autocrm_warranty.menu_warranty"]',
            run: "click",
        },
        {
            content: "Open the claims review",
            trigger:
                '.o-dropdown--menu [data-menu-xmlid="autocrm_warranty.autocrm_warranty_claim_menu_review"]',
            run: "click",
        },
        {
            content: "Open the submitted claim of Dealer A",
            trigger: ".o_kanban_view .o_kanban_record:contains(Dealer A)",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view .o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        {
            content: "It is approved",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
    ],
});
