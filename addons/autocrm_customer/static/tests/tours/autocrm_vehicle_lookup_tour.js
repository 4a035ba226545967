import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// A car of another dealership arrives: the service advisor finds it by its full VIN
// (typed in lower case), lands on the vehicle and sees its owner from now on.
registry.category("web_tour.tours").add("autocrm_vehicle_lookup_tour", {
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
            run: "edit ltea1b2c0rd000123",
        },
        {
            content: "Find it",
            trigger: ".modal button[name=action_lookup]",
            run: "click",
        },
        {
            content: "The vehicle opens",
            trigger: ".o_breadcrumb .active:contains(京A·00001)",
        },
        {
            // the selling dealer's data: shown, not editable by the serving dealer
            content: "Its owner shows, read-only",
            trigger:
                ".o_form_view .o_field_widget.o_readonly_modifier[name=partner_id]:contains(Customer A)",
        },
    ],
});
