import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A dealer manager plans a campaign for the dealership's customers, generates the
// target list and starts it.
registry.category("web_tour.tours").add("autocrm_campaign_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the After-Sales CRM app",
            trigger: '.o_app[data-menu-xmlid="autocrm_customer.menu_root"]',
            run: "click",
        },
        {
            content: "Open the Retention menu",
            trigger:
                '.o_main_navbar [data-menu-xmlid="autocrm_campaign.menu_campaign"]',
            run: "click",
        },
        {
            content: "Open the campaigns",
            trigger: '[data-menu-xmlid="autocrm_campaign.autocrm_campaign_menu"]',
            run: "click",
        },
        {
            content: "Plan a new campaign",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Winter check-up",
        },
        {
            content: "Generate the target list (all the dealership's customers)",
            trigger: ".o_form_view button[name=action_generate_targets]",
            run: "click",
        },
        {
            content: "Two customers are targeted",
            trigger:
                ".o_form_view button[name=action_view_targets] .o_stat_value:contains(2)",
        },
        {
            content: "Start the campaign",
            trigger: ".o_form_view button[name=action_start]",
            run: "click",
        },
        {
            // the running campaign's buttons (the test checks its state); once,
            // under load, the status bar kept showing Draft beside them
            content: "It runs",
            trigger: ".o_form_view .o_form_statusbar button[name=action_done]",
        },
    ],
});
