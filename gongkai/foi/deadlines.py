"""When a reply is due, and why: the statutory clock of disclosure on request.

Rules of the 《政府信息公开条例》(2019):
- Reply within 20 working days of receipt (第三十三条第二款).
- The receipt date depends on the channel (第三十一条): the day submitted in
  person; the day signed for by post; the day confirmed with the applicant
  for unsigned post, online and fax. Staff record it when they confirm.
- An incomplete application gets one 补正 notice within 7 working days of
  receipt (第三十条); the clock then restarts from the day the corrected
  application is received.
- With the approval of the openness office's head the deadline may be
  extended by at most 20 working days (第三十三条第二款).
- Time spent consulting third parties (第三十二条) or co-producing agencies
  (第三十四条) does not count (第三十三条第三款); nor, under 国办函〔2020〕109号,
  the time between a fee notice and payment.

Days are counted with `core.workdays`: the start day itself is never counted,
so a case received on a Saturday is due on the 20th working day after it.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.core.workdays import add_workdays, is_provisional, workdays_between

REPLY_WORKDAYS = 20  # 《条例》第三十三条第二款
MAX_EXTENSION_WORKDAYS = 20  # 《条例》第三十三条第二款
CORRECTION_NOTICE_WORKDAYS = 7  # 《条例》第三十条
CONSULTATION_WORKDAYS = 15  # 《条例》第三十二条: the third party answers within 15 working days
REMINDER_WORKDAYS = (5, 2, 0)  # reminders before the due date, and on the day
DUE_SOON_WORKDAYS = 5


@dataclass(frozen=True)
class ClockLine:
    """One line of "why is this case due when it is"."""

    label: str
    value: str
    basis: str = ""


def paused_workdays(intervals, *, until: datetime.date | None = None) -> int:
    """Working days inside the union of (start, end] intervals; open ones end at `until`.

    Overlapping consultations (a third party and a co-producer at once) count
    once: the law excludes the time, not each consultation.
    """
    spans = []
    for start, end in intervals:
        end = end or until
        if end is None or end <= start:
            continue
        spans.append((start, end))
    spans.sort()
    total = 0
    current_start = current_end = None
    for start, end in spans:
        if current_end is not None and start <= current_end:
            current_end = max(current_end, end)
            continue
        if current_end is not None:
            total += workdays_between(current_start, current_end, provisional=True)
        current_start, current_end = start, end
    if current_end is not None:
        total += workdays_between(current_start, current_end, provisional=True)
    return total


def compute_due_on(
    *,
    received_on: datetime.date | None,
    corrected_on: datetime.date | None = None,
    extension_workdays: int = 0,
    paused: int = 0,
) -> datetime.date | None:
    """The due date: the 20th working day (+ extension + paused days) after the clock's start.

    The clock starts at receipt, or at the corrected application's receipt when
    there was a 补正 (《条例》第三十条). Years without an official calendar give a
    provisional (weekends-only) date, which `is_provisional` reports.
    """
    base = corrected_on or received_on
    if base is None:
        return None
    return add_workdays(base, REPLY_WORKDAYS + extension_workdays + paused, provisional=True)


def _closed_pauses(info_request) -> list[tuple[datetime.date, datetime.date | None]]:
    return [(p.started_on, p.ended_on) for p in info_request.pauses.all() if p.ended_on]


def due_on(info_request) -> datetime.date | None:
    """The case's due date from its clock facts; None before receipt or while awaiting 补正.

    A consultation or fee wait still open is not counted yet: its days are added
    when it ends (the case page says the clock is paused meanwhile).
    """
    if info_request.correction_asked_on and not info_request.corrected_on:
        return None
    return compute_due_on(
        received_on=info_request.received_on,
        corrected_on=info_request.corrected_on,
        extension_workdays=info_request.extension_workdays,
        paused=paused_workdays(_closed_pauses(info_request)),
    )


def due_on_as_of(info_request, day: datetime.date) -> datetime.date | None:
    """The due date as it stands on `day`: a consultation or fee wait still open
    counts as paused up to that day (《条例》第三十三条第三款), so a deadline that
    only looks passed is not (e.g. when deciding an extension)."""
    if info_request.correction_asked_on and not info_request.corrected_on:
        return None
    intervals = [(p.started_on, p.ended_on) for p in info_request.pauses.all()]
    return compute_due_on(
        received_on=info_request.received_on,
        corrected_on=info_request.corrected_on,
        extension_workdays=info_request.extension_workdays,
        paused=paused_workdays(intervals, until=day),
    )


def correction_notice_due(received_on: datetime.date) -> datetime.date:
    """The last day to send the one 补正 notice (《条例》第三十条: within 7 working days)."""
    return add_workdays(received_on, CORRECTION_NOTICE_WORKDAYS, provisional=True)


def open_pause(info_request):
    return next((p for p in info_request.pauses.all() if p.ended_on is None), None)


def urgency(info_request, today: datetime.date) -> str:
    """ "overdue", "due_today", "due_soon", "paused", "stopped", "ok" or "closed"; never stored."""
    if not info_request.is_open:
        return "closed"
    if info_request.status == "awaiting_correction":
        return "stopped"
    if open_pause(info_request) is not None:
        return "paused"
    due = info_request.due_on
    if due is None:
        return "ok"
    if due < today:
        return "overdue"
    if due == today:
        return "due_today"
    if workdays_between(today, due, provisional=True) <= DUE_SOON_WORKDAYS:
        return "due_soon"
    return "ok"


def workdays_left(info_request, today: datetime.date) -> int | None:
    if not info_request.is_open or info_request.due_on is None:
        return None
    return workdays_between(today, info_request.due_on, provisional=True)


def on_time(info_request) -> bool | None:
    """Whether the reply counted (posted, signed or sent) on or before the due date."""
    if info_request.replied_on is None or info_request.due_on is None:
        return None
    return info_request.replied_on <= info_request.due_on


def explain(info_request, today: datetime.date) -> list[ClockLine]:
    """The clock events behind the due date, each with its legal basis, for the case page."""
    lines: list[ClockLine] = []
    if info_request.received_on is None:
        lines.append(
            ClockLine(
                _("收到申请日期"),
                _("尚未确认:网上、传真和平信申请以双方确认之日为收到之日"),
                "《条例》第三十一条",
            )
        )
        return lines
    lines.append(
        ClockLine(
            _("收到申请日期"),
            f"{info_request.received_on:%Y-%m-%d}({info_request.get_channel_display()})",
            "《条例》第三十一条",
        )
    )
    if info_request.correction_asked_on:
        lines.append(
            ClockLine(
                _("补正告知"),
                _("%(asked)s 告知补正,补正期限 %(due)s;计时停止")
                % {
                    "asked": f"{info_request.correction_asked_on:%Y-%m-%d}",
                    "due": f"{info_request.correction_due_on:%Y-%m-%d}"
                    if info_request.correction_due_on
                    else "-",
                },
                "《条例》第三十条",
            )
        )
        if info_request.corrected_on:
            lines.append(
                ClockLine(
                    _("收到补正后的申请"),
                    _("%(day)s,答复期限自此重新计算")
                    % {"day": f"{info_request.corrected_on:%Y-%m-%d}"},
                    "《条例》第三十条",
                )
            )
        else:
            lines.append(ClockLine(_("答复期限"), _("待申请人补正后重新计算"), "《条例》第三十条"))
            return lines
    lines.append(
        ClockLine(
            _("法定答复期限"),
            _("%(n)s个工作日") % {"n": REPLY_WORKDAYS},
            "《条例》第三十三条第二款",
        )
    )
    if info_request.extension_workdays:
        lines.append(
            ClockLine(
                _("经批准延期"),
                _("%(n)s个工作日") % {"n": info_request.extension_workdays},
                "《条例》第三十三条第二款",
            )
        )
    for pause in info_request.pauses.all():
        basis = "国办函〔2020〕109号" if pause.kind == "fee" else "《条例》第三十三条第三款"
        if pause.ended_on:
            days = workdays_between(pause.started_on, pause.ended_on, provisional=True)
            value = _("%(start)s 至 %(end)s,%(n)s个工作日不计入") % {
                "start": f"{pause.started_on:%Y-%m-%d}",
                "end": f"{pause.ended_on:%Y-%m-%d}",
                "n": days,
            }
        else:
            value = _("自 %(start)s 起,进行中,期间不计入") % {
                "start": f"{pause.started_on:%Y-%m-%d}"
            }
        lines.append(ClockLine(pause.get_kind_display(), value, basis))
    due = info_request.due_on
    if due is not None:
        value = f"{due:%Y-%m-%d}"
        if is_provisional(due_on(info_request)):
            value += _("(暂定:该年度节假日安排尚未录入)")
        lines.append(ClockLine(_("答复截止日期"), value))
    return lines
