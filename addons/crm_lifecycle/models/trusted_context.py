"""Context flags that lift a business rule.

The context travels over RPC: any user can send any key. A flag that lifts a rule is therefore honoured only
when the code runs as the superuser, which RPC cannot become: the suite's own methods set such flags on
``sudo()`` writes after their own checks, data files and module installs run as the superuser.
"""
from odoo.addons.base.ir.ir_model import MODULE_UNINSTALL_FLAG


def trusted_flag(env, key):
    """Whether the context flag ``key`` is set by trusted code (the superuser)."""
    return bool(env.context.get(key)) and env.user._is_superuser()


def is_module_uninstall(env):
    """Whether records are deleted by a module uninstall (Odoo's ``_force_unlink``), not by a user."""
    return trusted_flag(env, MODULE_UNINSTALL_FLAG)
