import {registry} from "@web/core/registry";

// What each demo role sees first: logged in through the login page, the user lands
// in After-Sales CRM on their own work (the action whose path is given), with real
// rows (not the sample data of an empty view); in Chinese, no English is left in
// the screen's own words (menus, breadcrumbs, buttons, column and group titles,
// search facets). The names of people, companies and cars are data, not words of
// the screen, and are not checked.

// Latin words that are names in Chinese too
const KEPT_WORDS = new Set(["VIN", "OEM", "CRM", "SSI", "CSI", "KPI", "ROI", "BJ01"]);
const SCREEN_WORDS = [
    ".o_main_navbar .o_menu_brand",
    ".o_main_navbar .o_menu_sections :is(.o_nav_entry, .dropdown-toggle)",
    ".o_control_panel .o_breadcrumb",
    ".o_control_panel button:not(.o_switch_view)",
    ".o_control_panel .o_searchview_facet .o_facet_value",
    ".o_list_renderer thead th",
    ".o_kanban_group .o_column_title",
    ".o_pivot thead th, .o_pivot .o_pivot_measure_row",
].join(", ");

function englishLeft() {
    const words = [];
    for (const element of document.querySelectorAll(SCREEN_WORDS)) {
        for (const word of element.innerText.match(/[A-Za-z][A-Za-z-]+/g) || []) {
            if (!KEPT_WORDS.has(word)) {
                words.push(word);
            }
        }
    }
    return words;
}

function firstScreenTour(name, login, path) {
    registry.category("web_tour.tours").add(name, {
        url: "/web/login",
        steps: () => [
            {
                content: `Log in as ${login}`,
                trigger: ".oe_login_form input[name=login]",
                run: `edit ${login}`,
            },
            {
                trigger: ".oe_login_form input[name=password]",
                run: "edit autocrm",
            },
            {
                trigger: ".oe_login_form button[type=submit]",
                run: "click",
                expectUnloadPage: true,
            },
            {
                content: "The user lands in After-Sales CRM",
                trigger:
                    '.o_main_navbar .o_menu_sections [data-menu-xmlid^="autocrm_customer."]',
            },
            {
                content: `On their own work (${path}), with real rows`,
                trigger: [
                    ".o_action_manager .o_view_controller:not(:has(.o_view_sample_data))",
                    ":is(.o_data_row, .o_kanban_record:not(.o_kanban_ghost), .o_pivot .o_value)",
                ].join(" "),
                async run() {
                    // the address shows the screen's path once the screen is shown
                    const landed = () =>
                        window.location.pathname.startsWith(`/odoo/${path}`);
                    for (let wait = 0; wait < 50 && !landed(); wait++) {
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                    if (!landed()) {
                        throw new Error(
                            `${login} landed on ${window.location.pathname}, not ${path}`
                        );
                    }
                    if (document.documentElement.lang.startsWith("zh")) {
                        const words = englishLeft();
                        if (words.length) {
                            throw new Error(`English left in Chinese: ${words}`);
                        }
                    }
                },
            },
        ],
    });
}

firstScreenTour("autocrm_first_screen_advisor", "bj01.advisor", "autocrm-followups");
firstScreenTour("autocrm_first_screen_manager", "bj01.manager", "autocrm-followups");
firstScreenTour(
    "autocrm_first_screen_oem_manager",
    "oem.manager",
    "autocrm-warranty-claims-analysis"
);
firstScreenTour(
    "autocrm_first_screen_reviewer",
    "oem.claims",
    "autocrm-warranty-claims-review"
);
firstScreenTour("autocrm_first_screen_hr", "bj01.hr", "autocrm-appraisals");
