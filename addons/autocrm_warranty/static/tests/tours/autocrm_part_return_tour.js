import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

function openWarrantyMenu(menu, title) {
    return [
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
            content: "Open the used-part returns",
            trigger: `.o-dropdown--menu [data-menu-xmlid="autocrm_warranty.${menu}"]`,
            run: "click",
        },
        {
            // the screen the app opened first (the user's follow-ups) has a New
            // button too: wait for the menu's own screen
            content: `${title} are shown`,
            trigger: `.o_control_panel .o_breadcrumb:contains(${title})`,
        },
    ];
}

// The dealership packs its outstanding used parts and ships them to the OEM.
registry.category("web_tour.tours").add("autocrm_part_return_ship_tour", {
    url: "/odoo",
    steps: () => [
        ...openWarrantyMenu("autocrm_part_return_menu", "Used-Part Returns"),
        {
            content: "Create a return",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Add the outstanding parts",
            trigger: ".o_form_statusbar button[name=action_add_outstanding]",
            run: "click",
        },
        {
            content: "The parts are on the return",
            trigger: ".o_field_widget[name=line_ids] .o_data_row",
        },
        {
            content: "Ship the box",
            trigger: ".o_form_statusbar button[name=action_ship]",
            run: "click",
        },
        {
            content: "Confirm the shipment",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "It is shipped",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='shipped']",
        },
    ],
});

// The OEM's used-part desk receives the box, inspects the part and closes the
// inspection.
registry.category("web_tour.tours").add("autocrm_part_return_receive_tour", {
    url: "/odoo",
    steps: () => [
        ...openWarrantyMenu(
            "autocrm_part_return_menu_receiving",
            "Used-Part Receiving"
        ),
        {
            content: "Receive the shipped box",
            trigger: ".o_list_view .o_data_row button[name=action_receive]",
            run: "click",
        },
        {
            content: "Open the received return",
            trigger: ".o_list_view .o_data_row td:contains(Received)",
            run: "click",
        },
        {
            content: "Edit the part's inspection result",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row td[name=inspection_result]",
            run: "click",
        },
        {
            content: "The defect is confirmed",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=inspection_result] select",
            run: 'select "defect_confirmed"',
        },
        {
            content: "Close the inspection",
            trigger: ".o_form_statusbar button[name=action_inspect]",
            run: "click",
        },
        {
            content: "It is inspected",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='inspected']",
        },
    ],
});
