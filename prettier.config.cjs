// Prettier configuration (OCA addons repository template, 18.0), used by
// scripts/lint.sh, which installs prettier and @prettier/plugin-xml under
// ~/.cache/oa-for-odoo/node and puts that node_modules on NODE_PATH.
// xmlWhitespaceSensitivity "preserve" as in the OCA 18.0 template: "ignore"
// re-wraps long text nodes, which changes the values of <field> elements
// (Odoo does not strip them) and breaks their translations.
/** @type {import('prettier').Config} */
const config = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
