"""One case through every step of the closed loop, by the services, with its clock."""

import datetime

from gongkai.foi import deadlines, services
from gongkai.foi.models import InfoRequest, Pause

D = datetime.date


def test_consultation_and_extension_move_the_due_date_and_every_step_is_an_event(
    received_case, tanzhou_handler, tanzhou_approver
):
    case = received_case
    # Received Mon 2026-03-02: the 20th working day after it is Mon 2026-03-30.
    assert case.due_on == D(2026, 3, 30)
    services.info_request_accept(info_request=case, actor=tanzhou_handler)
    pause = services.pause_start(
        info_request=case,
        actor=tanzhou_handler,
        kind=Pause.Kind.THIRD_PARTY,
        party="坦洲镇某建筑公司",
        started_on=D(2026, 3, 5),
    )
    services.pause_end(
        pause=pause, actor=tanzhou_handler, ended_on=D(2026, 3, 12), result="第三方不同意公开"
    )
    case.refresh_from_db()
    # 3-05 (Thu) to 3-12 (Thu): 5 working days not counted.
    assert case.due_on == D(2026, 4, 7)
    services.info_request_extend(
        info_request=case,
        actor=tanzhou_approver,
        workdays=10,
        reason="需要调取档案",
        decided_on=D(2026, 3, 20),
    )
    case.refresh_from_db()
    assert case.extension_workdays == 10
    # 4-07 plus 10 working days, past 清明 (4-04–4-06 already behind): 4-21.
    assert case.due_on == D(2026, 4, 21)
    letter = services.info_request_reply(
        info_request=case,
        actor=tanzhou_handler,
        outcome="refused.4",
        issued_on=D(2026, 4, 15),
        reason="名单涉及第三方个人隐私,第三方不同意公开",
    )
    assert "先申请行政复议" in letter.body or "应当先申请行政复议" in letter.body
    services.info_request_deliver(
        info_request=case, actor=tanzhou_handler, method="post", posted_on=D(2026, 4, 16)
    )
    services.info_request_record_signature(
        info_request=case, actor=tanzhou_handler, signed_on=D(2026, 4, 24)
    )
    services.info_request_archive(info_request=case, actor=tanzhou_handler)
    case = InfoRequest.objects.get(pk=case.pk)
    assert case.status == "archived"
    assert case.replied_on == D(2026, 4, 16)  # the posted date counts, not the signed one
    assert deadlines.on_time(case) is True
    kinds = [e.data.get("kind") or e.new_status for e in case.events.all()]
    assert kinds == [
        "registered", "in_progress", "pause.third_party", "pause_end.third_party",
        "extended", "replied", "delivered", "signed", "archived",
    ]  # fmt: skip
    assert case.letters.count() == 3  # 征求意见书, 延期答复告知书, 答复书
