import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A car under an open safety recall arrives at another dealership: the service
// advisor finds it by its VIN and the recall shows on the vehicle at once.
registry.category("web_tour.tours").add("autocrm_recall_banner_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the After-Sales CRM app",
            trigger: '.o_app[data-menu-xmlid="autocrm_customer.menu_root"]',
            run: "click",
        },
        {
            content: "Open the Customers menu",
            trigger:
                '.o_main_navbar [data-menu-xmlid="autocrm_customer.menu_customers"]',
            run: "click",
        },
        {
            content: "Find a vehicle by its VIN",
            trigger: '[data-menu-xmlid="autocrm_customer.autocrm_vehicle_lookup_menu"]',
            run: "click",
        },
        {
            content: "Type the full VIN",
            trigger: ".modal .o_field_widget[name=vin] input",
            run: "edit LTEA1B2C0RD000123",
        },
        {
            content: "Find it",
            trigger: ".modal button[name=action_lookup]",
            run: "click",
        },
        {
            content: "The open recall shows on the vehicle",
            trigger: ".o_form_view .alert-danger:contains(Fuel pump replacement)",
        },
        {
            content: "Open the vehicle's recalls",
            trigger: ".o_form_view button[name=action_view_recalls]",
            run: "click",
        },
        {
            content: "The recall line is listed, still open (red badge)",
            trigger:
                ".o_list_view .o_data_row:contains(Fuel pump replacement) td[name=state] .text-bg-danger",
        },
    ],
});
