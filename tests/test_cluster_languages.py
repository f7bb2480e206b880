"""Articles in other languages: linked to their story only on names, figures and dates together, and flagged."""

from __future__ import annotations

from pathlib import Path

from newsdiff.core import pipeline
from newsdiff.core.cluster import cluster_articles
from newsdiff.core.cluster.bridge import name_key, name_keys, number_keys, shared_names
from newsdiff.core.library import Library
from newsdiff.core.models import Article

ENGLISH = [
    Article(title="River Velmor bursts its banks in Orsk, 37 dead",
            body=("Floodwater swept through Orsk on Tuesday after the River Velmor burst its banks, killing 37 "
                  "people and forcing 1,200 families from their homes, mayor Ivo Marten said. Forecasters said "
                  "145 millimetres of rain had fallen in a day. Rescue teams from Kessa joined the search."),
            published="2026-05-05", lang="en"),
    Article(title="Orsk floods: 1,200 families evacuated as Velmor overflows",
            body=("The Velmor river overflowed in Orsk overnight. Mayor Ivo Marten said 37 people had died and "
                  "1,200 families had been evacuated. Crews from Kessa were sent to help as 145 millimetres of "
                  "rain fell on the valley."),
            published="2026-05-05", lang="en"),
    Article(title="Death toll in Orsk flood rises to 37",
            body=("Thirty-seven people are now known to have died in the flooding in Orsk, mayor Ivo Marten said "
                  "on Wednesday. About 1,200 families remain in shelters while the River Velmor stays high."),
            published="2026-05-06", lang="en"),
]
RUSSIAN = Article(
    title="Наводнение в Орске: погибли 37 человек",
    body=("Река Велмор вышла из берегов в Орске. Мэр Иво Мартен сообщил, что погибли 37 человек, эвакуированы "
          "1 200 семей. За сутки выпало 145 мм осадков, на помощь прибыли спасатели из Кессы."),
    published="2026-05-05", lang="ru")
ITALIAN = Article(
    title="Alluvione a Orsk, 37 morti",
    body=("Il fiume Velmor è esondato a Orsk. Il sindaco Ivo Marten ha detto che 37 persone sono morte e che "
          "1.200 famiglie sono state evacuate. Sono caduti 145 millimetri di pioggia in un giorno."),
    published="2026-05-06", lang="it")
# The same town and mayor a week later, and the same day at another event: not the flood story.
RUSSIAN_LATER = Article(
    title="Мэр Орска Иво Мартен объявил о ремонте моста через Велмор",
    body=("Мэр Орска Иво Мартен объявил, что на ремонт моста через Велмор выделено 380 млн. Работы начнутся "
          "в июне, сообщили в администрации. Спасатели из Кессы вернулись домой 1 200 км."),
    published="2026-05-13", lang="ru")
RUSSIAN_SAME_DAY_OTHER_EVENT = Article(
    title="Иво Мартен открыл в Орске фестиваль",
    body=("Мэр Орска Иво Мартен открыл фестиваль на набережной Велмора, который собрал 5 000 зрителей. "
          "Гости из Кессы привезли 12 оркестров."),
    published="2026-05-05", lang="ru")


def _items(*extra: tuple[str, Article]) -> list[tuple[str, Article]]:
    return [(f"en{k}", a) for k, a in enumerate(ENGLISH)] + list(extra)


def test_names_keep_one_key_across_scripts_and_inflections() -> None:
    assert name_key("Assad") == name_key("Асад") == name_key("Асада")
    assert name_key("Trump") == name_key("Трамп")
    assert name_key("Valencia") == name_key("Валенсия")
    assert shared_names([name_key("Дамаске")], [name_key("Damascus")]), "inflected forms start with the base key"
    keys = name_keys("Rebels said that Bashar al-Assad fled. The rebels entered Homs on Sunday.")
    assert name_key("Assad") in keys and name_key("Rebels") not in keys, "a sentence's first word is not a name"


def test_specific_figures_in_every_notation_and_no_years() -> None:
    assert number_keys("1,200 families; 1.200 famiglie; 1 200 семей") == {"1200"}
    assert number_keys("magnitude 7.6 / магнитудой 7,6") == {"7.6"}
    assert number_keys("in 2024, 3 people") == frozenset()


def test_reports_in_russian_and_italian_join_the_story_with_a_flag_and_a_reason() -> None:
    clusters = cluster_articles(_items(("ru", RUSSIAN), ("it", ITALIAN)))
    assert len(clusters) == 1
    (story,) = clusters
    assert "mixed-language" in story.flags
    assert any("linked across languages" in e for e in story.evidence)


def test_the_same_names_a_week_later_or_at_another_event_stay_apart() -> None:
    clusters = cluster_articles(_items(("later", RUSSIAN_LATER), ("festival", RUSSIAN_SAME_DAY_OTHER_EVENT)))
    holder = {m: c.id for c in clusters for m in c.members}
    assert holder["later"] != holder["en0"]
    assert holder["festival"] != holder["en0"]
    assert len({holder[f"en{k}"] for k in range(3)}) == 1


def test_a_report_that_arrives_first_in_another_language_gathers_the_english_ones() -> None:
    clusters = cluster_articles([("ru", RUSSIAN), *_items()])
    assert len(clusters) == 1


def test_the_library_links_a_foreign_report_when_it_arrives(tmp_path: Path) -> None:
    with Library(tmp_path / "lib.sqlite3") as lib:
        ids = [lib.add(a).id for a in ENGLISH]
        pipeline.update_stories(lib, ids)
        ru = lib.add(RUSSIAN).id
        festival = lib.add(RUSSIAN_SAME_DAY_OTHER_EVENT).id
        pipeline.update_stories(lib, [ru, festival])
        story = {r[0]: r[1] for r in lib.conn.execute("SELECT article_id, story_id FROM story_members")}
        assert story[ru] == story[ids[0]]
        assert story[festival] != story[ids[0]]
        assert "linked across languages" in lib.evidence(story[ru])[ru]


RUSSIAN_SECOND = Article(
    title="В Орске из-за разлива Велмора эвакуировали 1 200 семей",
    body=("Власти Орска сообщили, что после разлива реки Велмор из домов были эвакуированы 1 200 семей. По словам "
          "мэра Иво Мартена, число погибших выросло до 37. Это самое сильное наводнение в регионе за много лет, "
          "и оно может продлиться ещё несколько дней."),
    published="2026-05-06", lang="ru")
RUSSIAN_FOOTBALL = Article(
    title="«Заря» обыграла «Сокол» и вышла в финал кубка",
    body=("Футбольный клуб «Заря» обыграл «Сокол» со счётом 3:1 и впервые за много лет вышел в финал кубка. "
          "По словам тренера, это была самая трудная игра сезона, и команда может гордиться своей победой. "
          "Финал пройдёт через несколько дней на стадионе в Лесогорске."),
    published="2026-05-06", lang="ru")


def test_two_pages_in_another_language_are_not_alike_for_their_common_words() -> None:
    clusters = cluster_articles([("flood", RUSSIAN), ("flood2", RUSSIAN_SECOND), ("football", RUSSIAN_FOOTBALL),
                                 ("festival", RUSSIAN_SAME_DAY_OTHER_EVENT)])
    holder = {m: c.id for c in clusters for m in c.members}
    assert holder["flood"] == holder["flood2"]
    assert holder["football"] not in {holder["flood"], holder["festival"]}
    assert holder["festival"] != holder["flood"]


JAPANESE = [
    "東京で震度5強の地震\n\n9日午前10時ごろ、東京都内で震度5強の揺れを観測する地震がありました。気象庁によりますと、"
    "震源地は千葉県北西部で、震源の深さはおよそ70キロと推定されています。この地震による津波の心配はありません。\n\n"
    "JR東日本によりますと、首都圏の在来線は安全確認のため一時運転を見合わせました。\n",
    "首都圏で震度5強、在来線が一時運転見合わせ\n\n東京都内で9日午前10時ごろ、震度5強の揺れを観測する地震がありました。"
    "気象庁によりますと、この地震による津波の心配はありません。\n\nJR東日本は首都圏の在来線の運転を一時見合わせました。"
    "けが人の情報は入っていません。\n",
]
KOREAN = ("서울에서 규모 6.1 지진 발생\n\n9일 오전 10시쯤 서울 전역에서 규모 6.1의 지진이 발생해 건물이 흔들렸다. 기상청은 "
          "쓰나미 위험은 없다고 밝혔다.\n\n철도 회사는 안전 점검을 위해 일부 열차 운행을 일시 중단했다. 부상자는 보고되지 "
          "않았다.\n")
CHINESE = ("东京发生6.1级地震\n\n9日上午10时左右，东京都内发生6.1级地震，建筑物出现摇晃。气象厅表示，此次地震没有引发海啸的"
           "危险。\n\n铁路公司为进行安全检查暂时停运了部分列车。目前没有人员受伤的报告。\n")


def test_japanese_korean_and_chinese_pages_cluster_without_the_optional_tokenizers() -> None:
    """wordfreq splits these languages' words with MeCab or jieba, optional packages newsdiff does not
    install: reading a word's rarity raised ModuleNotFoundError and `newsdiff add` crashed."""
    from newsdiff.core.clean import article_from_bytes

    pages = [*JAPANESE, KOREAN, CHINESE]
    articles = [article_from_bytes(text.encode(), path=f"/p/{k}.txt") for k, text in enumerate(pages)]
    assert [a.lang for a in articles] == ["ja", "ja", "ko", "zh"]
    stories = {m: c.id for c in cluster_articles([(f"a{k}", a) for k, a in enumerate(articles)]) for m in c.members}
    assert stories["a0"] == stories["a1"], "two reports of one earthquake, worded apart"
