import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The service advisor calls a customer back after a visit and records the outcome on
// one screen: reached, satisfaction, done.
registry.category("web_tour.tours").add("autocrm_followup_outcome_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the After-Sales CRM app",
            trigger: '.o_app[data-menu-xmlid="autocrm_customer.menu_root"]',
            run: "click",
        },
        {
            // the app lands on the user's follow-ups: opening the menu before they
            // are shown lets the landing screen replace the menu's
            content: "The landing screen is shown",
            trigger: ".o_action_manager .o_kanban_view .o_kanban_record",
        },
        {
            content: "Open the follow-ups",
            trigger:
                '.o_main_navbar [data-menu-xmlid="autocrm_customer.autocrm_followup_menu"]',
            run: "click",
        },
        {
            // grouped by state, unlike the customers
            content: "The follow-ups are shown by state",
            trigger: ".o_kanban_view .o_kanban_group .o_kanban_record",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the planned follow-up of Customer A",
            trigger: ".o_list_view .o_data_row td:contains(Customer A)",
            run: "click",
        },
        {
            content: "The customer was reached",
            trigger: ".o_form_view .o_field_widget[name=reached] input",
            run: "click",
        },
        {
            content: "Very satisfied",
            trigger:
                ".o_form_view .o_field_widget[name=satisfaction] input[data-value='5']",
            run: "click",
        },
        {
            content: "Mark it done",
            trigger: ".o_form_view .o_form_statusbar button[name=action_done]",
            run: "click",
        },
        {
            content: "It is done",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});
