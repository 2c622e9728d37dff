"""Who is asking: the account when logged in, and this browser's device."""
from flask_login import current_user

from .. import devices
from .store import Owner


def owner_for_printing():
    """Who a sheet printed now belongs to: the account when logged in (a shared computer then keeps nothing
    after log-out), otherwise this device, created on first use."""
    if current_user.is_authenticated:
        return Owner(user_id=current_user.id)
    return Owner(device_hash=devices.ensure_device_hash())


def visitor():
    """Whose sheets this request may see: the account's and this device's."""
    user_id = current_user.id if current_user.is_authenticated else None
    return Owner(user_id=user_id, device_hash=devices.current_device_hash())
