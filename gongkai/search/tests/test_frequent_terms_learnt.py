"""Which strings a rebuild learns as frequent terms, and that every occurrence is found.

Learnt: strings of 3–6 characters in at least 2% of the sampled records (and
20 of them), not those found almost only inside a longer frequent one, the
commonest first; and as common, the bigrams and frequent terms in at least 75%
of them. Found: every dictionary term in a text, overlapping ones too;
never one spanning punctuation or the whitespace separator.
"""

from gongkai.search import frequent
from gongkai.search.frequent import FrequentTerms
from gongkai.search.text import normalize


def records(n: int, title: str, body: str) -> list[tuple[str, str]]:
    return [(normalize(title), normalize(body))] * n


def test_common_strings_are_learnt_but_not_their_inner_parts():
    sample = (
        records(30, "城乡最低生活保障标准", "按月发放。")
        + records(15, "困难群众生活保障", "粤商通办理。")
        + records(15, "困难群众生活保障", "下载粤商通。")
        + records(19, "河长制工作", "巡河。")  # in too few records
        + records(21, "无关", "无关")
    )
    learnt = frequent.learn(sample).terms

    assert {"最低生活保障", "生活保障", "粤商通"} <= learnt
    # Inside 最低生活保障 in every record that holds them:
    assert not {"低生活保障", "最低生活", "低生活"} & learnt
    assert "河长制" not in learnt
    # Never across punctuation or a title's end: 发放。 and 障按月 are not strings of a record.
    assert not any("。" in term or "障按" in term for term in learnt)


def test_only_the_commonest_are_kept(monkeypatch):
    monkeypatch.setattr(frequent, "MAX_TERMS", 2)
    sample = records(40, "甲乙丙", "") + records(30, "丁戊己", "") + records(25, "庚辛壬", "")

    assert frequent.learn(sample).terms == {"甲乙丙", "丁戊己"}


def test_every_occurrence_is_found_overlapping_ones_too():
    terms = FrequentTerms(frozenset({"最低生活", "生活保障", "低生活保", "标准", "保障标准"}))

    assert set(terms.occurrences("城乡最低生活保障标准")) == {
        "最低生活",
        "低生活保",
        "生活保障",
        "保障标准",
        "标准",
    }
    assert set(terms.occurrences("最低生活", "保障标准")) == {"最低生活", "保障标准", "标准"}
    assert set(terms.occurrences(normalize("生活 保障"))) == set()


def test_the_digest_names_the_terms_not_their_order():
    one = FrequentTerms(frozenset({"甲乙丙", "丁戊己"}))

    assert one.digest == FrequentTerms(frozenset({"丁戊己", "甲乙丙"})).digest
    assert one.digest != FrequentTerms(frozenset({"甲乙丙"})).digest
    assert set(frequent.NONE.occurrences("甲乙丙")) == set()


def test_terms_nearly_every_record_holds_are_common():
    sample = records(80, "城乡最低生活保障标准", "按月发放。") + records(20, "河长制", "巡河。")
    learnt = frequent.learn(sample)

    assert {"城乡", "标准", "最低生活保障"} <= learnt.common  # 80%
    assert "河长" not in learnt.common  # 20%
    assert "城" not in learnt.common  # single characters are never common terms
    # In 80% too, but not a frequent term: no field tells whether a record holds it.
    assert "生活保" not in learnt.terms and "生活保" not in learnt.common
    assert learnt.digest != FrequentTerms(learnt.terms).digest


def test_the_saved_dictionary_is_read_back_and_a_foreign_file_is_ignored(tmp_path):
    store = frequent.Store(tmp_path / "terms.json")
    assert store.current() is frequent.NONE
    saved = FrequentTerms(frozenset({"最低生活保障"}), frozenset({"低保", "最低生活保障"}))
    store.save(saved)
    assert store.current() == saved

    store.path.write_text("最低生活保障\n", encoding="utf-8")
    assert store.current() == frequent.NONE
