BASE_PARTNER_RULE_DOMAIN = (
    "['|', '|', ('partner_share', '=', False), ('company_id', 'parent_of', "
    "company_ids), ('company_id', '=', False)]"
)


def uninstall_hook(env):
    """Give Odoo's partner rule back its own domain (it names vehicle_ids)."""
    rule = env.ref("base.res_partner_rule", raise_if_not_found=False)
    if rule:
        rule.domain_force = BASE_PARTNER_RULE_DOMAIN
