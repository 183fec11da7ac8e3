"""Helpers for the services tests: walk a case to a step, and prove a refusal changed nothing."""

import datetime

from django.forms.models import model_to_dict

from gongkai.core.models import AuditEvent
from gongkai.foi import services
from gongkai.foi.models import InfoRequest, Letter, LetterCounter, Pause, RequestEvent


def state(case: InfoRequest) -> dict:
    """Everything a refused service could have touched, as plain data."""
    case = InfoRequest.objects.get(pk=case.pk)
    return {
        "case": model_to_dict(case),
        "events": list(RequestEvent.objects.filter(info_request=case).values()),
        "pauses": list(Pause.objects.filter(info_request=case).values()),
        "letters": list(Letter.objects.filter(info_request=case).values()),
        "counters": list(LetterCounter.objects.values()),
        "audit": AuditEvent.objects.count(),
    }


def accepted(case, handler) -> InfoRequest:
    """The case after 审核 passed: in progress, with `handler` as 经办人."""
    return services.info_request_accept(info_request=case, actor=handler)


def consult(case, handler, started_on: datetime.date, kind=Pause.Kind.THIRD_PARTY) -> Pause:
    return services.pause_start(
        info_request=case,
        actor=handler,
        kind=kind,
        party="中山市坦洲某建筑工程有限公司"
        if kind == Pause.Kind.THIRD_PARTY
        else "市住房城乡建设局",
        started_on=started_on,
    )


def reload(case) -> InfoRequest:
    return InfoRequest.objects.get(pk=case.pk)
