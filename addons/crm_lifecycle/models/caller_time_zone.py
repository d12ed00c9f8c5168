"""Superuser calls that keep the caller's "today".

``fields.Date.context_today(record)`` takes the time zone from the context, or else from ``record.env.user``.
After ``sudo()`` that user is the superuser: a call without tz in its context (RPC, scripts; the web client
always sends it) would date invoices and plans by the superuser's time zone, a day off for a user 8 hours
ahead of it. The suite's checked superuser calls therefore go through ``sudo_in_caller_tz``.

The same goes for a day taken from a stored datetime, which is UTC: ``user_day``, not ``value[:10]``.
"""
from odoo import fields


def caller_tz(env):
    """The time zone the calling user's dates are in (UTC when neither context nor user has one)."""
    return env.context.get('tz') or env.user.tz or 'UTC'


def sudo_in_caller_tz(records):
    """``records.sudo()``, with the caller's time zone in the context."""
    return records.sudo().with_context(tz=caller_tz(records.env))


def user_day(record, utc_datetime):
    """The day (``YYYY-MM-DD``) the UTC datetime string falls on in the time zone of ``record``'s context or
    user: an order placed at 07:00 in Shanghai is stored as 23:00 UTC of the day before."""
    moment = fields.Datetime.from_string(utc_datetime)
    return fields.Date.to_string(fields.Datetime.context_timestamp(record, moment))
