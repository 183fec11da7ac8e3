"""Every change to a disclosure application: one function per step, each audited.

接收 (submit / register) → 登记 (confirm) → 审核 (ask for a correction, or
accept) → 办理 (assign, transfer, consult, charge, extend) → 答复 (reply with a
letter) → 送达 (deliver) → 归档 (archive).

Services assume the caller may act (see permissions.py) and check that the
step is valid now: status, dates, deadlines. Each re-reads the case under a
row lock, moves it with `core.transitions.move` or writes a clock event,
recomputes the cached due date, and sends mail only after commit.

Modules: `application` (what an application must say; query codes), `intake`
(接收, 登记), `handling` (审核, 办理), `reply` (答复, 送达, 归档, appeals).
Callers use this package: `from gongkai.foi import services`.
"""

from gongkai.foi.services._common import FEE_PAYMENT_WORKDAYS, MAX_CORRECTION_WORKDAYS
from gongkai.foi.services.application import (
    MAX_DESCRIPTION_CHARS,
    ApplicationData,
    has_markup,
    new_code,
    new_tracking_number,
    query_code_hash,
    query_code_matches,
    validate_application,
)
from gongkai.foi.services.handling import (
    info_request_accept,
    info_request_ask_correction,
    info_request_assign,
    info_request_extend,
    info_request_receive_correction,
    info_request_transfer,
    pause_end,
    pause_start,
)
from gongkai.foi.services.intake import (
    CONFIRMED_CHANNELS,
    RECEIPT_RULES,
    info_request_confirm,
    info_request_register,
    info_request_submit,
)
from gongkai.foi.services.reply import (
    DELIVERY_METHODS,
    NEEDS_REASON,
    appeal_decide,
    appeal_record,
    info_request_archive,
    info_request_deliver,
    info_request_record_signature,
    info_request_reply,
    reply_template_code,
)

__all__ = [
    "CONFIRMED_CHANNELS",
    "DELIVERY_METHODS",
    "FEE_PAYMENT_WORKDAYS",
    "MAX_CORRECTION_WORKDAYS",
    "MAX_DESCRIPTION_CHARS",
    "NEEDS_REASON",
    "RECEIPT_RULES",
    "ApplicationData",
    "appeal_decide",
    "appeal_record",
    "has_markup",
    "info_request_accept",
    "info_request_archive",
    "info_request_ask_correction",
    "info_request_assign",
    "info_request_confirm",
    "info_request_deliver",
    "info_request_extend",
    "info_request_receive_correction",
    "info_request_record_signature",
    "info_request_register",
    "info_request_reply",
    "info_request_submit",
    "info_request_transfer",
    "new_code",
    "new_tracking_number",
    "pause_end",
    "pause_start",
    "query_code_hash",
    "query_code_matches",
    "reply_template_code",
    "validate_application",
]
