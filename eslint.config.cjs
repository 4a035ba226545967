// ESLint's flat configuration for the suite's JavaScript: Odoo 18's ES modules (the
// browser tours under addons/*/static/tests/tours/). eslint's recommended rules plus
// the few of OCA's 18.0 template that catch mistakes in tours.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
    js.configs.recommended,
    {
        files: ["addons/*/static/**/*.js"],
        languageOptions: {
            ecmaVersion: 2024,
            // Odoo 18 loads every add-on file as an ES module (``import`` from "@web/...")
            sourceType: "module",
            globals: {
                ...globals.browser,
                odoo: "readonly",
                owl: "readonly",
                luxon: "readonly",
            },
        },
        rules: {
            eqeqeq: "error",
            "no-var": "error",
            "prefer-const": "error",
            "no-unused-vars": ["error", {args: "after-used"}],
        },
    },
];
