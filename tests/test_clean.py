"""The text-dump cleaner: page chrome out, article in, metadata from the lines around it."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.core.clean import clean_text
from newsdiff.core.clean.features import Kind, describe
from newsdiff.core.clean.metadata import byline_name, copyright_owner, date_in, find_date, find_dateline, tidy_outlet
from newsdiff.core.ingest import sanitize
from newsdiff.core.text import segment

P1 = ("Dock workers at the port of Velmora walked off the job on Monday after talks over new night-shift "
      "rotas collapsed, leaving at least 14 cargo ships waiting offshore.")
P2 = ("The union said about 2,300 members joined the stoppage, which is due to last 72 hours, and warned of "
      "further action if the port authority did not return to talks.")
P3 = "“We will not accept rotas that put tired people under moving containers,” union secretary Marta Ivo said."
P4 = "The port authority said the new rotas were needed to keep up with rising traffic and nobody would lose pay."
ARTICLE = "\n\n".join([P1, P2, P3, P4])


def page(*parts: str) -> str:
    return "\n".join(parts)


def test_menus_promotions_links_and_captions_are_dropped() -> None:
    text = page(
        "Skip to main content", "THE DAILY EXAMPLE", "Home", "World", "Business", "Sport", "Sign in",
        "Ticker: Fuel prices | Ferry timetable | Council vote", "",
        "Dockers strike at Velmora as night-shift talks collapse", "", "By Ana Ribeiro", "9 March 2026", "",
        "Cranes stand idle at the east terminal. Photograph: Tomas Eld/Getty Images", "",
        P1, "", "Read more: Port volumes hit a record in 2025", "", P2, "",
        "Get our morning briefing in your inbox every day", "", P3, "", "Advertisement", "", P4, "",
        "Share this article", "Related stories", "Council approves new cycle lanes",
        "Sign up to our newsletter", "© 2026 Daily Example Ltd. All rights reserved.",
    )
    cleaned = clean_text(text)
    assert cleaned.body == ARTICLE
    assert cleaned.title == "Dockers strike at Velmora as night-shift talks collapse"
    assert cleaned.byline == "Ana Ribeiro"
    assert cleaned.outlet == "The Daily Example"
    assert cleaned.published == "2026-03-09"
    assert cleaned.dropped > 10


def test_the_zoe_brandt_page() -> None:
    text = ("Menu\nNews\nCafé owners protest over rents — “we cannot go on”\n\nBy Zoë Brandt\n14 April 2026\n\n"
            "Café owners in the old town marched to the city hall on Tuesday to protest against rent rises of "
            "up to 40 per cent.\n\n“We cannot go on like this,” said Zoë Brandt’s neighbour, who runs a bakery "
            "on the square.\n\nThe council said it would review the leases of its own properties before the "
            "summer.\n\nRead more: Council budget explained\nSign up for our newsletter\n")
    cleaned = clean_text(text)
    assert cleaned.title == "Café owners protest over rents — “we cannot go on”"
    assert cleaned.byline == "Zoë Brandt" and cleaned.published == "2026-04-14"
    assert "Read more" not in cleaned.body and "newsletter" not in cleaned.body


def test_headline_is_chosen_over_its_standfirst_and_a_photo_alt_text() -> None:
    text = page(
        "News", "", "Velmora port paralysed as 2,000 dockers walk out",
        "Union says tired crews and moving containers do not mix, as ships queue offshore", "",
        "Priya Lund in Velmora", "Mon 9 Mar 2026 15.47 GMT", "",
        "Cranes at the east terminal", "Cranes at the east terminal on Monday. Photograph: Tomas Eld/AFP", "",
        ARTICLE,
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Velmora port paralysed as 2,000 dockers walk out"
    assert cleaned.byline == "Priya Lund"
    assert cleaned.published == "2026-03-09"


def test_headline_below_the_byline_and_a_repeated_outlet_name() -> None:
    text = page("Get all your news in one place.", "One app.", "Velmora Times - UK", "Velmora Times - UK",
                "World", "Priya Lund in Velmora", "", "Ships queue as Velmora dockers strike over rotas", "",
                ARTICLE, "", "Sign up to read this article", "Already a member? Sign in here")
    cleaned = clean_text(text)
    assert cleaned.title == "Ships queue as Velmora dockers strike over rotas"
    assert cleaned.outlet == "Velmora Times"
    assert cleaned.byline == "Priya Lund"
    assert "Sign" not in cleaned.body


def test_a_date_set_under_the_standfirst_is_the_publication_date() -> None:
    """The page sets its byline and date as list items between the standfirst and the body, inside
    the body's span: the body leaves them out, and the date was lost with them."""
    text = page("Velmora dockers walk out as crane talks collapse",
                "- About 2,300 dockworkers at the port of Velmora walked off the job on Monday after talks on "
                "automated cranes broke down overnight, leaving ships waiting offshore.",
                "- Post By Priya Lund", "- 10:31, 9 March, 2026", ARTICLE)
    cleaned = clean_text(text)
    assert cleaned.published == "2026-03-09"
    assert "10:31" not in cleaned.body and "Post By" not in cleaned.body


def test_a_wire_datelines_date_dates_the_copy_and_a_date_in_the_story_does_not() -> None:
    cleaned = clean_text(page("Velmora dockers strike", "", f"VELMORA, 9 March 2026 (Harbor Wire) - {P1}", "", P2, "", P3))
    assert cleaned.published == "2026-03-09" and cleaned.dateline == "VELMORA"
    # A date the first sentence tells is the event's, maybe a year before the report: not taken.
    cleaned = clean_text(page("Velmora remembers the strike", "", f"On March 9, 2025, {P1[0].lower()}{P1[1:]}",
                              "", P2, "", P3))
    assert cleaned.published is None


def test_no_headline_means_an_empty_title_not_a_guess() -> None:
    cleaned = clean_text(ARTICLE)
    assert cleaned.title == "" and cleaned.outlet is None and cleaned.byline is None
    assert cleaned.published is None
    assert cleaned.body == ARTICLE


def test_dateline_is_read_and_kept_in_the_body() -> None:
    cleaned = clean_text("WARSAW/BRUSSELS: " + ARTICLE)
    assert cleaned.dateline == "WARSAW/BRUSSELS"
    assert cleaned.body.startswith("WARSAW/BRUSSELS: Dock workers")


def test_a_list_of_teasers_after_a_header_is_not_the_article() -> None:
    teaser = "The city council voted on Tuesday to approve a network of new cycle lanes across the centre."
    text = page("Short story", "By Ana Ribeiro", "", P1, "", P2, "", "More from Daily Example",
                *[line for k in range(5) for line in (f"Teaser headline number {k}", teaser, f"May {k + 1}, 2026")])
    cleaned = clean_text(text)
    assert cleaned.body == f"{P1}\n\n{P2}"


def test_sign_off_and_author_biography_end_the_article() -> None:
    text = page(ARTICLE, "", "Reporting by Ana Ribeiro; Editing by Karin Bloom", "",
                "The Daily Example is an independent newsroom founded in 1901 that covers the coast.")
    cleaned = clean_text(text)
    assert cleaned.body == ARTICLE
    bio = page(ARTICLE, "", "Ana Ribeiro is a reporter for The Daily Example covering ports and shipping.")
    assert clean_text(bio).body == ARTICLE
    assert clean_text(bio).byline == "Ana Ribeiro"


def test_truncated_last_paragraph_is_kept_whole_as_article_text() -> None:
    whole = "The last strike at the port, in 2019, lasted two days and cost millions."
    cut = "It held up grain exports for more than a"
    cleaned = clean_text(page(ARTICLE, "", f"{whole} {cut}"))
    assert cleaned.body.endswith(f"{whole} {cut}")
    assert [s.text for s in segment(cleaned.body)][-2:] == [whole, cut]  # the cut-off sentence stands alone
    fragment = "Canada — with flagbearers sprinter Andre de Grasse and weightlifter"
    assert clean_text(page(ARTICLE, "", fragment)).body == f"{ARTICLE}\n\n{fragment}"


def test_a_quote_cut_off_by_the_end_of_the_page_keeps_the_line_that_introduced_it() -> None:
    intro = "The operator's chief executive Jonas Albrecht went on the radio and said:"
    cut = "We are confident the talks will resume this week and that the port will be back to"
    assert clean_text(page(ARTICLE, "", intro, "", cut)).body == f"{ARTICLE}\n\n{intro}\n\n{cut}"
    # a heading with a colon is not an introduction, and chrome between still ends the body
    assert clean_text(page(ARTICLE, "", "More on this story:", "", "Read more about the port and")).body == ARTICLE


def test_a_cut_off_last_paragraph_full_of_names_is_kept_and_so_is_a_post_quoted_before_it() -> None:
    names = ("Messages of support came from abroad, including from US President Joe Biden, French President "
             "Emmanuel Macron, German Chancellor Olaf Scholz and Canadian Prime Minister Justin")
    assert clean_text(page(ARTICLE, "", names)).body == f"{ARTICLE}\n\n{names}"
    post = ("We did it, the rover is on the ground and every system is working as it should "
            "#Velmora #Port2026 #Dockers")
    cut = "The union thanked the people of the city, who had waited on the quay for"
    assert clean_text(page(ARTICLE, "", post, "", cut)).body == f"{ARTICLE}\n\n{post}\n\n{cut}"


def test_a_few_words_cut_off_at_the_end_of_the_page_are_kept_but_not_a_credit_or_label() -> None:
    """Excerpts end wherever the cut fell: "The Chiefs trailed 10-0 in t" is what the page kept of
    its next fact (eight words were needed before). A credit, a sentence that ends, a label and
    chrome still end the body."""
    for cut in ("The union said the strike", "Police are also as", "“It was enjoyable de"):
        assert clean_text(page(ARTICLE, "", cut)).body == f"{ARTICLE}\n\n{cut}"
    for tail in ("The Associated Press", "(With inputs from agencies.)", "Here are some photos from the day:",
                 "Read more about the port and", "At least"):
        assert clean_text(page(ARTICLE, "", tail)).body == ARTICLE


def test_a_quote_set_between_paragraphs_is_kept_once() -> None:
    """A crosshead that is one quotation is the article's words: where the page was cut off before
    the paragraph that says it, it is the quote's one copy; where that paragraph is there, it keeps
    the quote in its place and the crosshead goes."""
    quote = "“We will not accept rotas that put tired people under moving containers”"
    cut = "Union secretary Marta Ivo, speaking outside the"
    assert clean_text(page(P1, "", P2, "", quote, "", cut)).body == f"{P1}\n\n{P2}\n\n{quote}\n\n{cut}"
    assert clean_text(page(P1, "", P2, "", quote, "", P3, "", P4)).body == "\n\n".join([P1, P2, P3, P4])
    aside = "“Not one more night shift”"
    assert clean_text(page(P1, "", P2, "", aside, "", P4)).body == "\n\n".join([P1, P2, aside, P4])


def test_a_page_cut_off_inside_its_first_sentence_keeps_that_sentence_and_its_headline() -> None:
    """An excerpt or feed item that ends before its first full stop has no prose line, but what it
    has is the article's text: refusing it ("no article text") would lose the page and, in a batch,
    fail the whole command."""
    cut = "VELMORA — About 2,300 dockworkers walked off the job on Monday after talks over automated"
    head = ("Dockworkers strike at Velmora as crane talks collapse", "By Ana Ribeiro",
            "Published March 9, 2026 at 7:12 AM", "")
    cleaned = clean_text(page(*head, cut))
    assert cleaned.body == cut
    assert cleaned.title == head[0] and cleaned.published == "2026-03-09"
    assert clean_text(cut).body == cut  # all the page holds
    assert clean_text(page("Home", "News", "Sport", "Read more about the port and")).body == ""


def test_short_cut_off_line_after_the_body_is_still_dropped() -> None:
    assert clean_text(page(ARTICLE, "", "Read more about the port and")).body == ARTICLE


def test_standfirst_repeated_as_lede_appears_once() -> None:
    cleaned = clean_text(page("Strike at Velmora port", "", P1, "", P1, "", P2))
    assert cleaned.body.count(P1) == 1


def test_a_standfirst_the_body_repeats_inside_a_paragraph_appears_once() -> None:
    standfirst = "The strike closed the east terminal for a second day on Tuesday."
    body_para = "By noon, the strike closed the east terminal for a second day on Tuesday. " + P2
    cleaned = clean_text(page("Strike at Velmora port", "", standfirst, "", P1, "", body_para))
    assert cleaned.body.casefold().count(standfirst.casefold()) == 1
    assert cleaned.body.startswith(P1), "the lede opens the body"


def test_quote_introductions_and_short_paragraphs_stay() -> None:
    text = page(P1, "", "In a statement, the port director said:", "", P3, "", "Talks resume Wednesday.", "", P2)
    body = clean_text(text).body
    assert "the port director said:" in body and "Talks resume Wednesday." in body


def test_an_introduction_full_of_names_stays_when_a_quotation_follows_it() -> None:
    intro = "Velmora Port Authority Director Ana Sousa stated:"
    assert intro in clean_text(page(P1, "", intro, "", P3, "", P2)).body
    # a label over what is no quotation is no introduction
    assert "Key Facts:" not in clean_text(page(P1, "", "Key Facts:", "", P2, "", P4)).body


def test_long_paragraph_with_a_caption_glued_on_keeps_its_sentences() -> None:
    glued = P1 + " Cranes stand idle at the east terminal on Monday. (AP Photo/Tomas Eld)"
    body = clean_text(page(glued, "", P2, "", P4)).body
    assert P1 in body and "AP Photo" not in body


def test_line_kinds() -> None:
    kinds = [li.kind for li in describe(["", P1, "Advertisement", "Related stories", "Home", "Talks resume soon."])]
    assert kinds == [Kind.BLANK, Kind.PROSE, Kind.CHROME, Kind.HEADER, Kind.OTHER, Kind.SHORT]


def test_byline_forms() -> None:
    assert byline_name("By Ana Ribeiro") == "Ana Ribeiro"
    assert byline_name("Dan Sabbagh in Kyiv") == "Dan Sabbagh"
    assert byline_name("By Hannah Brooks, Staff Writer") == "Hannah Brooks"
    assert byline_name("By Jane Doe and John Roe") == "Jane Doe and John Roe"
    assert byline_name("BY SAMUEL ODUYA") == "SAMUEL ODUYA"
    assert byline_name("By The Associated Press Jul. 27, 2024 | 10:47 AM | PARIS") == "The Associated Press"
    assert byline_name("Helen Marsh Business correspondent") == "Helen Marsh"
    assert byline_name("Stand by me") is None
    assert byline_name("The minister said he would stand by the decision") is None


def test_dates() -> None:
    assert date_in("Published: Feb. 11, 2024 at 10:09 PM CST") == "2024-02-11"
    assert date_in("Wed 14 May 2025 14.04 BST") == "2025-05-14"
    assert date_in("May 14, 20251:43 PM GMT+1") == "2025-05-14"  # year glued to the time
    assert date_in("30/08/2026 10:00") == "2026-08-30"
    assert date_in("09/03/2026 13:20") is None  # day and month cannot be told apart
    assert date_in("2 hours ago") is None
    assert find_date(["Updated: April 14, 2026", "Posted: April 13, 2026"]) == "2026-04-13"


def test_datelines() -> None:
    assert find_dateline("SAINT-DENIS, France (AP) — Paris has closed out the Games.") == "SAINT-DENIS"
    assert find_dateline("LAS VEGAS, Feb. 11 (UPI) -- Patrick Mahomes rolled out of the pocket.") == "LAS VEGAS"
    assert find_dateline("Tokyo, Jan. 1 (Jiji Press)--A powerful earthquake struck the coast.") == "Tokyo"
    assert find_dateline("BREAKING: The minister has resigned after a long row.") is None
    assert find_dateline("Details: Rebels reported that the leader had fled.") is None


def test_outlet_names() -> None:
    assert tidy_outlet("The Guardian - UK") == "The Guardian"
    assert tidy_outlet("THE NORTHERN LEDGER") == "The Northern Ledger"
    assert copyright_owner(["© 2026 Pulse24 Digital. All rights reserved."]) == "Pulse24"
    assert copyright_owner(["Copyright 2025 The Associated Press. All Rights Reserved."]) == "The Associated Press"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([P1, P2, P3, "Read more: x", "Home", "", "By Ana Ribeiro", "© 2026 X"]),
                          st.text(max_size=80)), max_size=30))
def test_cleaning_never_crashes_and_offsets_always_slice(lines: list[str]) -> None:
    cleaned = clean_text(sanitize("\n".join(lines)))
    assert isinstance(cleaned.title, str) and "\n" not in cleaned.title
    for s in segment(cleaned.body):
        assert cleaned.body[s.start:s.end] == s.text


def test_hard_wrapped_dump_is_rejoined() -> None:
    import textwrap

    text = page("Dockers strike at Velmora as night-shift talks collapse", "", "By Ana Ribeiro", "",
                *[line for para in (P1, P2, P3, P4) for line in (*textwrap.wrap(para, 60), "")],
                "Related stories", "Sign up to our newsletter")
    cleaned = clean_text(text)
    assert cleaned.body == ARTICLE
    assert cleaned.title == "Dockers strike at Velmora as night-shift talks collapse"


def test_one_paragraph_a_line_is_never_rejoined() -> None:
    from newsdiff.core.clean.features import unwrap

    lines = [P1, "Read more: a related story that runs long enough to look like prose", P2, P3, P4, P1, P2]
    assert unwrap(lines) == lines


def test_a_page_title_line_loses_its_site_name() -> None:
    text = page("Dockers strike at Velmora as night-shift talks collapse | Daily Example", "", "By Ana Ribeiro",
                "", ARTICLE)
    assert clean_text(text).title == "Dockers strike at Velmora as night-shift talks collapse"
    kicker = page("SPORT | MARATHON", "Chebet breaks the Arden course record in the heat", "By Dan Kowalski", "",
                  "Naomi Chebet broke the Arden course record on Sunday, winning the women's race in the heat "
                  "of a long morning by the lake.", "", P2)
    assert clean_text(kicker).title == "Chebet breaks the Arden course record in the heat"


def test_dates_written_in_other_languages_are_read() -> None:
    from newsdiff.core.clean.metadata import date_in, find_date

    assert date_in("Опубликовано 8 декабря 2024, 10:15") == "2024-12-08"
    assert date_in("29 ottobre 2024 ore 12:00") == "2024-10-29"
    assert date_in("3 de marzo de 2025") == "2025-03-03"
    assert date_in("1er janvier 2024") == "2024-01-01"
    assert date_in("12. März 2024") == "2024-03-12"
    assert find_date(["Обновлено 9 декабря 2024", "Опубликовано 8 декабря 2024"]) == "2024-12-08"


ARABIC = ("زلزال بقوة 6.1 درجات يضرب طوكيو دون إصابات\n\n"
          "ضرب زلزال بقوة 6.1 درجات على مقياس ريختر العاصمة اليابانية طوكيو صباح يوم الاثنين، ما أدى إلى اهتزاز "
          "المباني في أنحاء المدينة، وفقا لوكالة الأرصاد الجوية اليابانية.\n\n"
          "وقالت الوكالة إن مركز الزلزال كان في شمال غرب محافظة تشيبا على عمق نحو 70 كيلومترا، وإنه لا يوجد خطر "
          "حدوث موجات تسونامي.\n\n"
          "وأوقفت شركة السكك الحديدية شرق اليابان عددا من القطارات مؤقتا للتحقق من سلامة الخطوط، ولم ترد أنباء عن "
          "وقوع إصابات.\n")
JAPANESE = ("東京で震度5強の地震、けが人の情報なし\n\n"
            "9日午前10時ごろ、東京都内で震度5強の揺れを観測する地震がありました。気象庁によりますと、震源地は千葉県北西部で、"
            "震源の深さはおよそ70キロと推定されています。この地震による津波の心配はありません。\n\n"
            "JR東日本によりますと、首都圏の在来線は安全確認のため一時運転を見合わせました。\n\n"
            "東京消防庁によりますと、現在のところけが人の情報は入っていないということです。\n")
HINDI = ("टोक्यो में 6.1 तीव्रता का भूकंप, कोई हताहत नहीं\n\n"
         "जापान की राजधानी टोक्यो में सोमवार सुबह 6.1 तीव्रता का भूकंप आया, जिससे शहर भर में इमारतें हिल गईं। मौसम "
         "एजेंसी ने कहा कि सुनामी का कोई खतरा नहीं है।\n\n"
         "रेलवे कंपनी ने सुरक्षा जांच के लिए कई ट्रेनों को कुछ समय के लिए रोक दिया। अधिकारियों के अनुसार किसी के घायल "
         "होने की खबर नहीं है।\n")


def test_pages_in_scripts_without_capitals_keep_their_whole_body() -> None:
    """Arabic, Hindi and Japanese have no lower case and Japanese no spaces: every paragraph used to
    read as a heading or a menu, so an Arabic page kept one paragraph of three and a Japanese page
    none at all ("no article text found")."""
    arabic = clean_text(ARABIC)
    assert arabic.title == ARABIC.split("\n")[0] and arabic.body.count("\n\n") == 2
    japanese = clean_text(JAPANESE)
    assert japanese.body.count("\n\n") == 2 and japanese.body.startswith("9日午前10時ごろ")
    assert japanese.title == JAPANESE.split("\n")[0]  # found by the pairs of characters it shares with the body
    assert [len(segment(p)) for p in japanese.body.split("\n\n")] == [3, 1, 1]  # each 。 ends a sentence
    hindi = clean_text(HINDI)
    assert hindi.body.count("\n\n") == 1
    assert [len(segment(p)) for p in hindi.body.split("\n\n")] == [2, 2]  # each । ends a sentence


def test_a_caption_labelled_image_is_not_taken_for_a_dateline() -> None:
    page = ("Rocket lifts off\n\nSRIHARIKOTA: The rocket lifted off on time from the second launch pad, officials "
            "said on Friday afternoon.\n\nIMAGE: As the long countdown finally concluded, the heavy rocket soared "
            "off majestically from the spaceport at the planned time of 2.35 pm from the second launch pad, leaving "
            "a trail of thick orange smoke.\n\nIt will orbit the earth five times before "
            "heading for the moon, the agency said.\n")
    body = clean_text(page).body
    assert "IMAGE:" not in body and "orange smoke" not in body
    assert "orbit the earth five times" in body


def test_real_pages_cut_off_mid_paragraph_keep_what_was_left_of_it(shared_eval: Path) -> None:
    """Each real page cut at two points inside its body, mid-paragraph, as an excerpt or a paywall
    cuts it: the cut-off text is kept (measured 98 of 98 cuts; the 10 other cuts end on a line of 4-7
    words, below the 8 a cut line needs to count as text rather than a link such as "Read more about
    the port and", and are left out here)."""
    import random

    rnd = random.Random(3)
    kept = cuts = 0
    for path in sorted((shared_eval / "clusters").glob("*.txt")):
        raw = path.read_text()
        paragraphs = [p for p in clean_text(raw).body.split("\n\n") if len(p.split()) >= 12]
        if len(paragraphs) < 3:
            continue
        for share in (0.5, 0.8):
            words = paragraphs[int(len(paragraphs) * share)].split()
            cut = " ".join(words[:max(4, int(len(words) * rnd.uniform(0.3, 0.8)))])
            if (end := raw.find(cut)) < 0:
                continue
            page = raw[:end + len(cut)]
            if len(page.rsplit("\n", 1)[-1].split()) < 8:  # the page's last line: too short to tell from a link
                continue
            cuts += 1
            kept += clean_text(page).body.endswith(cut)
    assert cuts >= 80
    assert kept == cuts


def test_numbered_references_after_words_are_not_article_text() -> None:
    """Answer engines and aggregators print "[1][2][3]" after a sentence: sources the page does not
    carry, which pairing read as the numbers 1, 2 and 3 (a count on one side only)."""
    from newsdiff.core.clean.article import article_from_bytes
    from newsdiff.core.text import compare_tokens

    cited = P1.replace("offshore.", "offshore [1][2][3].")
    art = article_from_bytes(page("Dock strike at Velmora", "", cited, "", P2 + "[4]", "", P3).encode(), path="p.txt")
    assert art.body == "\n\n".join([P1, P2, P3])
    assert "1" not in compare_tokens(art.sentences[0].text)
    # a number in brackets that opens a line, or a year, is the text's own
    kept = article_from_bytes(page("Dock strike at Velmora", "", P1, "", "[1] " + P2, "", "Talks set for [2027] resume.", "",
                                   P3).encode(), path="p.txt")
    assert "[1] " + P2 in kept.body and "[2027]" in kept.body
