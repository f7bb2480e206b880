"""Event identity at story level: two events about one subject stay two stories even when their
pages are undated, and a story whose members tell two events splits. Invented pages."""

from __future__ import annotations

from dataclasses import replace

from newsdiff.core.cluster import ClusterOptions, StoryIndex, cluster_articles
from newsdiff.core.cluster.features import make_doc, vectorise
from newsdiff.core.cluster.story import StoryState, agreement, halves, reports_in
from newsdiff.core.models import Article

# A takeover blocked by a regulator (two reports), then completed months later (three reports).
# The same companies, regulator and price in all five.
BLOCKED = [
    ("Regulator blocks Norvale's takeover of Quillstone Games",
     "The Competition Office has blocked Norvale's proposed takeover of Quillstone Games, the maker of "
     "the Ashfall series, over fears for the cloud gaming market. Norvale president Edda Brunvik called "
     "the ruling the bleakest day in the company's thirty years in the country. She said the regulator "
     "had misread a market that barely exists yet. The Competition Office said the deal would have let "
     "Norvale shut rivals out of cloud gaming for a decade. Norvale said it would appeal. Shares in "
     "Quillstone fell 9 per cent after the decision on the £48bn takeover."),
    ("Norvale attacks watchdog after £48bn Quillstone deal is vetoed",
     "Norvale has lashed out at the Competition Office after the watchdog vetoed its £48bn bid for "
     "Quillstone Games. Edda Brunvik, Norvale's president, described the veto as the bleakest day in "
     "three decades of doing business in the country and accused the regulator of discouraging "
     "investment. The watchdog's chief executive, Tomas Hale, rejected the criticism and said the "
     "cloud gaming concerns were real. The veto leaves the takeover in doubt. Norvale has said it will "
     "appeal, and analysts expect a long fight. Quillstone's share price dropped sharply."),
]
COMPLETED = [
    ("Norvale completes £48bn Quillstone Games takeover",
     "Norvale has completed its £48bn takeover of Quillstone Games after the Competition Office "
     "approved a restructured deal. The approval came after Norvale agreed to sell Quillstone's cloud "
     "streaming rights to a rival, Lumen Arc. Norvale's finance chief, Ruth Okafor, said the "
     "closing ends a twenty-month battle and that the studios would keep their names. The office said "
     "the new terms protected competition. Players will see no change this year, the company said."),
    ("Quillstone deal closes as watchdog clears Norvale",
     "The acquisition of Quillstone Games by Norvale closed on Friday, hours after the Competition "
     "Office cleared the revised £48bn deal. Under the new terms Lumen Arc takes over the cloud "
     "streaming rights to Quillstone's games for fifteen years. Ruth Okafor thanked the "
     "office for its clearance and said the studios would stay independent. The sale of the streaming "
     "rights had answered the concerns, the office said in a statement on its website."),
    ("Norvale finally owns Quillstone after clearance",
     "Norvale finished buying Quillstone Games after the Competition Office gave the £48bn takeover its "
     "final clearance. Norvale sold the cloud streaming rights for Quillstone's catalogue to Lumen Arc "
     "to win approval. The company said the completion was a good day for players and "
     "investors. The restructured deal was a different deal from the first one, the office said. "
     "The studios become part of Norvale's games division on Monday, with their staff of 9,500."),
]


def _items(prefix: str, pages: list[tuple[str, str]], day: str | None = None) -> list[tuple[str, Article]]:
    return [(f"{prefix}{k}", Article(title=t, body=b, published=day, lang="en")) for k, (t, b) in enumerate(pages)]


def _state(items: list[tuple[str, Article]]) -> StoryState:
    docs = [make_doc(k, a) for k, a in items]
    df: dict[str, int] = {}
    for d in docs:
        for t in d.terms:
            df[t] = df.get(t, 0) + 1
    story = StoryState("s1")
    for d in docs:
        story.add(d, vectorise(d, df, len(docs)))
    return story


def _apart(states: list[StoryState]) -> tuple[StoryState, StoryState]:
    """The blocking's and the completion's reports as two stories, weighed as one batch weighs them."""
    a, b = StoryState("blocked"), StoryState("done")
    for doc, vec in zip(states[0].members, states[0].vectors, strict=True):
        (a if doc.key.startswith("blocked") else b).add(doc, vec)
    return a, b


def test_two_events_about_one_deal_do_not_merge_however_close_their_centroids() -> None:
    blocked, done = _apart([_state(_items("blocked", BLOCKED) + _items("done", COMPLETED))])
    options = ClusterOptions()
    index = StoryIndex(options)
    index.stories.update({blocked.id: blocked, done.id: done})
    # Undated, about the same companies and price: the centroids and the event words are close
    # enough for the older rules...
    assert blocked.centroid_cosine(done) >= options.merge
    assert blocked.event_similarity(done.total, done.entities) >= options.event_near
    assert StoryIndex(replace(options, merge_cohesion=0.0)).merge_score(blocked, done) is not None
    # ...but each story's reports agree with each other far more than with the other story's.
    assert index.merge_score(blocked, done) is None
    assert index.apart_events(blocked, done)
    # Each story's first article says why it is not part of the other.
    blocked.evidence, done.evidence = ["blocked0: starts the story", "blocked1: score 0.5"], ["done0: starts the story"]
    index.note_kept_apart()
    assert blocked.evidence[0].startswith("blocked0: starts the story; same subject as story done “Norvale")
    assert "another event: their reports agree" in blocked.evidence[0] and blocked.evidence[1] == "blocked1: score 0.5"
    assert done.evidence[0].startswith("done0: starts the story; same subject as story blocked “Regulator blocks")
    assert not index.kept_apart


# Two events in one town that one shared background sentence drew into one story.
MINE = [
    ("Four miners trapped after roof fall at Hartwell colliery",
     "Four miners were trapped underground on Tuesday after part of the roof collapsed in a tunnel at "
     "the Hartwell colliery. Rescue teams drilled a narrow shaft through the night and passed water and "
     "lamps to the men. The mine's owner, Coldridge Mining, said the four were talking to rescuers. "
     "Hartwell, a town of 14,000 on the Esk estuary, has been a mining town since 1870."),
    ("Rescuers reach trapped Hartwell miners",
     "Rescuers drilling towards four trapped miners at the Hartwell colliery said they had reached the "
     "tunnel where the men sheltered after the roof fall. Coldridge Mining said all four were conscious "
     "and would be winched up in a steel cage. Hartwell, a town of 14,000 on the Esk estuary, has been a "
     "mining town since 1870. Paramedics waited at the pithead."),
]
FESTIVAL = [
    ("Hartwell jazz festival doubles in size",
     "The Hartwell jazz festival will run over two weekends this summer, its organisers said, with "
     "forty bands on three stages in the harbour park. Tickets go on sale in March. Hartwell, a town "
     "of 14,000 on the Esk estuary, has been a mining town since 1870. The festival began in a pub "
     "garden eleven years ago."),
    ("Jazz festival adds harbour stage and second weekend",
     "Organisers of the jazz festival in Hartwell have added a second weekend and a stage in the "
     "harbour park, bringing the line-up to forty bands. Hartwell, a town of 14,000 on the Esk "
     "estuary, has been a mining town since 1870. Tickets will be sold from March, and children under "
     "twelve go free."),
]


def test_a_story_whose_members_tell_two_events_splits_and_one_event_never_does() -> None:
    index = StoryIndex()
    mixed = _state(_items("mine", MINE) + _items("jazz", FESTIVAL))
    index.stories[mixed.id] = mixed
    new = index.split_off(mixed)
    assert new is not None
    assert {frozenset(d.key[:4] for d in s.members) for s in (mixed, new)} == {frozenset({"mine"}),
                                                                               frozenset({"jazz"})}
    assert index.stories[new.id] is new and new.id != mixed.id
    assert all(any(e.startswith(f"{d.key}: split from story s1: its members told two events") for e in new.evidence)
               for d in new.members), new.evidence
    assert any(e.startswith(f"split: 2 articles went to story {new.id}") for e in mixed.evidence), mixed.evidence
    # Neither part splits again, and one event alone (with its two angles) stays whole.
    assert index.split_off(mixed) is None and index.split_off(new) is None
    whole = _state(_items("blocked", BLOCKED) + _items("more", BLOCKED))
    assert StoryIndex().split_off(whole) is None


UNION = ("Union says Hartwell roof fall was a warning ignored",
         "The miners' union said the roof fall that trapped four men at the Hartwell colliery on Tuesday came "
         "after months of complaints about cracked props in the same tunnel. Its regional secretary, Dora Maddox, "
         "said inspectors had been told in the spring. Coldridge Mining said safety was its first concern and that "
         "the tunnel had passed an inspection in May. The union wants a public inquiry once the men are out.")


def test_a_page_and_its_excerpt_are_one_report_not_an_event_of_their_own() -> None:
    """A feed's summary (the page's first two sentences) beside the page made a group of two that
    agreed with itself far more than with the other reports, and the story split the page and its
    excerpt off as a second event (two real dev pages did so once an excerpt of each was added)."""
    excerpt = (UNION[0], " ".join(UNION[1].split(". ")[:2]) + ".")
    story = _state(_items("mine", MINE) + _items("union", [UNION]) + _items("feed", [excerpt]))
    index = StoryIndex()
    index.stories[story.id] = story
    assert index.split_off(story) is None
    assert len(story.members) == 4
    # The same report once, and another outlet's short report of it, are two reports: the rule reads texts.
    other = ("Hartwell union wants inquiry", "The union wants a public inquiry into the roof fall at Hartwell, "
             "where four miners were trapped, its secretary Dora Maddox said on Tuesday.")
    both = _state(_items("union", [UNION]) + _items("other", [other]))
    assert reports_in(both.members, [0, 1]) == 2 and reports_in(story.members, [2, 3]) == 1


def test_a_report_and_its_wire_copy_merge_into_their_story_as_one_report_would() -> None:
    """A page and its copy under another headline, placed first, make a story so tight that no other
    report's story looked "as close across as within" it, and the merge refused them; as one report
    they are asked what that report alone would be asked (a dev page and its copy stayed apart)."""
    copy = ("Hartwell union demands inquiry into roof fall", UNION[1])
    items = _items("mine", MINE) + _items("union", [UNION]) + _items("wire", [copy])
    docs = [make_doc(k, a) for k, a in items]
    df: dict[str, int] = {}
    for d in docs:
        for t in d.terms:
            df[t] = df.get(t, 0) + 1
    pair, reports = StoryState("pair"), StoryState("reports")
    for d in docs:
        (reports if d.key.startswith("mine") else pair).add(d, vectorise(d, df, len(docs)))
    index = StoryIndex()
    index.stories = {"pair": pair, "reports": reports}
    assert index.merge_score(pair, reports) == index.merge_score(reports, pair) == pair.centroid_cosine(reports)
    # Two reports that are not copies of each other are still asked the merge's own questions.
    other = StoryState("other")
    for d in docs[:2]:
        other.add(d, vectorise(d, df, len(docs)))
    assert reports_in(other.members, [0, 1]) == 2


def test_a_blocked_deal_and_its_completion_put_in_one_story_come_apart() -> None:
    """Undated reports of a takeover's blocking and of its completion agree across the two groups
    0.65 of what they agree within: two events (one event's halves hold 0.84 or more on real pages)."""
    mixed = _state(_items("blocked", BLOCKED) + _items("done", COMPLETED))
    index = StoryIndex()
    index.stories[mixed.id] = mixed
    new = index.split_off(mixed)
    assert new is not None
    assert {frozenset(d.key[:4] for d in s.members) for s in (mixed, new)} == {frozenset({"bloc"}),
                                                                               frozenset({"done"})}


def test_more_seeds_find_the_two_events_one_seed_misses() -> None:
    """From the member least like the whole, the groups settle on a split that mixes the two
    events; seeded from the next ones, they find it (undated stories get those tries)."""
    vectors = [{"c": 1.0}, {"e": 1.0}, {"d": 0.408, "b": 0.408, "a": 0.816}, {"f": 0.577, "b": 0.577, "e": 0.577},
               {"e": 0.802, "b": 0.535, "a": 0.267}, {"f": 0.816, "c": 0.408, "b": 0.408}]

    def ratio(side: list[int]) -> float:
        cross, own = agreement(vectors, side)
        return cross / min(0.5, own) if min(side.count(0), side.count(1)) >= 2 and own > 0 else float("inf")

    (one,) = halves(vectors, tries=1)
    assert ratio(one) > 1.0
    assert min(ratio(side) for side in halves(vectors, tries=6)) < 0.5


def test_a_story_the_user_shaped_is_never_split() -> None:
    mixed = _state(_items("mine", MINE) + _items("jazz", FESTIVAL))
    mixed.fixed_id = True
    assert StoryIndex().split_off(mixed) is None


def test_halves_finds_two_groups_and_cohesion_is_the_mean_pair_cosine() -> None:
    a, b = {"x": 1.0}, {"y": 1.0}
    near_a = {"x": 0.8, "z": 0.6}
    assert halves([a, b, near_a, b])[0] in ([0, 1, 0, 1], [1, 0, 1, 0])
    story = StoryState("s")
    for k, vec in enumerate([a, near_a, b]):
        story.add(make_doc(f"k{k}", Article(title="t", body="b.")), vec)
    assert abs((story.cohesion() or 0) - (0.8 + 0 + 0) / 3) < 1e-9
    other = StoryState("o")
    other.add(make_doc("o", Article(title="t", body="b.")), b)
    assert abs(story.mean_cosine(other) - 1 / 3) < 1e-9


# A market falls on tariff fears (three reports, one day) and rebounds the next day (three more):
# the same index, companies, minister and broker in all six.
FALL = [
    ('Stocks tumble as Velmora tariff fears grip markets',
     'Shares on the Kessa exchange fell sharply on Monday as investors feared new Velmora tariffs on steel'
     ' and grain. The benchmark KX50 index closed down 4.1 per cent, its worst day since 2022. Banks and '
     'carmakers led the losses, with Orlan Motors down 9 per cent. Traders said the sell-off deepened '
     'after the trade minister, Ada Renn, refused to rule out further duties. The Velmoran mark weakened '
     'against the dollar. Analysts at Harrow Securities warned that volatility would stay high until the '
     'tariff talks resume.'),
    ('KX50 suffers worst day in two years on tariff worries',
     'The KX50 index slumped 4.1 per cent on Monday, wiping billions off the value of Kessa-listed '
     'companies as fears of Velmora tariffs spread. Orlan Motors lost 9 per cent and the big banks fell '
     'between 5 and 7 per cent. Trade minister Ada Renn said all options remained on the table, which '
     'traders read as a sign of more duties to come. The mark slid to its weakest level in months. Harrow '
     'Securities said investors were pricing in a long trade dispute.'),
    ('Tariff jitters send Kessa shares into steep fall',
     'Kessa shares dropped steeply on Monday. The KX50 closed 4.1 per cent lower after the Velmora '
     'government signalled possible tariffs on steel and grain exports. Carmaker Orlan Motors fell 9 per '
     'cent. Ada Renn, the trade minister, declined to rule out new duties when asked by reporters. Bank '
     'shares were among the heaviest fallers, and the mark lost ground against the dollar.'),
]
REBOUND = [
    ('Kessa stocks rebound as tariff talks are set to resume',
     'Shares on the Kessa exchange bounced back on Tuesday after Velmora agreed to reopen trade talks next'
     " week. The KX50 index rose 3.2 per cent, recovering most of Monday's losses. Orlan Motors gained 7 "
     'per cent and bank shares climbed. Trade minister Ada Renn said the talks would start on Thursday in '
     'Portavia. The Velmoran mark strengthened. Harrow Securities said the rally showed relief rather than'
     ' confidence.'),
    ('KX50 recovers as Velmora agrees to resume trade talks',
     'The KX50 index climbed 3.2 per cent on Tuesday, a day after its worst fall in two years, as Velmora '
     'said it would return to the negotiating table. Orlan Motors rallied 7 per cent and the banks rose '
     'between 3 and 5 per cent. Ada Renn, the trade minister, confirmed talks would begin on Thursday. The'
     ' mark firmed against the dollar. Analysts cautioned that the tariff threat had not gone away.'),
    ('Relief rally lifts Kessa shares after talks announcement',
     'Kessa shares rallied on Tuesday. The KX50 gained 3.2 per cent after Velmora announced that trade '
     'talks would resume on Thursday in Portavia. Orlan Motors rose 7 per cent, and bank shares recovered.'
     ' Trade minister Ada Renn welcomed the move and said an agreement was possible within weeks. The mark'
     ' rose against the dollar.'),
]


def test_a_fall_and_the_next_days_rebound_are_two_stories_and_say_why() -> None:
    items = [(f"fall{k}", Article(title=t, body=b, published="2026-03-02", lang="en")) for k, (t, b) in enumerate(FALL)]
    items += [(f"up{k}", Article(title=t, body=b, published="2026-03-03", lang="en"))
              for k, (t, b) in enumerate(REBOUND)]
    clusters = cluster_articles(items)
    assert {frozenset(c.members) for c in clusters} == {frozenset(k for k, _ in items if k.startswith(p))
                                                        for p in ("fall", "up")}
    evidence = [e for c in clusters for e in c.evidence]
    assert any("two events on different days (2026-03-02 and 2026-03-03): what happened agrees" in e
               for e in evidence), evidence
    # The test can fail: without the split by day the two days are one story (the names and the
    # index hold them together as tightly as each day's reports hold together).
    assert len(cluster_articles(items, replace(ClusterOptions(), split_days=0.0))) == 1


# Three reports of a dam inspection, and a short item of the same day: a headline and one sentence,
# nearly all names (the engineer, the authority, the villages), so little of it says what happened.
DAM = [
    ("Cracks found in Brenna Falls dam as Halvik county orders checks",
     "Engineers inspecting the Brenna Falls dam in Halvik county found three cracks in its concrete spillway "
     "on Tuesday, the regional water authority said. The authority lowered the reservoir by two metres as a "
     "precaution and closed the road across the crest. Its chief engineer, Marit Oyen, said the cracks were "
     "up to 40 centimetres long and did not threaten the structure. Villages downstream were told to keep "
     "an evacuation plan ready. Divers will survey the base of the wall on Thursday."),
    ("Halvik water authority lowers Brenna Falls reservoir after spillway cracks",
     "The Halvik water authority drew down the Brenna Falls reservoir on Tuesday after an inspection found "
     "cracks in the dam's spillway. Chief engineer Marit Oyen told reporters the three cracks were shallow "
     "and the dam was safe, but the level would stay two metres lower until divers have checked the "
     "foundations. The crest road is shut to traffic. Residents of Sorvik and Lund downstream were asked to "
     "review their evacuation routes."),
    ("Brenna Falls dam: what the spillway cracks mean for Sorvik",
     "Three cracks in the spillway of the Brenna Falls dam have put the villages below it on alert. "
     "Inspectors from the Halvik water authority found them during a routine check, and the reservoir was "
     "lowered by two metres within hours. Marit Oyen, the authority's chief engineer, said the concrete "
     "was sound. Farmers in Sorvik said they had been told little. A diving team is due on Thursday."),
]
DAM_SHORT = ("Brenna Falls update", "Marit Oyen of the Halvik water authority went to Sorvik and Lund below Brenna "
                                    "Falls on Tuesday evening.")


def test_a_short_report_of_the_same_day_joins_its_story_though_it_is_mostly_names() -> None:
    def stories(day: str, options: ClusterOptions | None = None) -> set[frozenset[str]]:
        items = [(f"dam{k}", Article(title=t, body=b, published="2026-04-14", lang="en"))
                 for k, (t, b) in enumerate(DAM)]
        items.append(("short", Article(title=DAM_SHORT[0], body=DAM_SHORT[1], published=day, lang="en")))
        return {frozenset(c.members) for c in cluster_articles(items, options)}

    everything = frozenset({"dam0", "dam1", "dam2", "short"})
    assert stories("2026-04-14") == {everything}
    # The test can fail: asked the agreement on what happened that any day asks, it stays alone...
    assert stories("2026-04-14", replace(ClusterOptions(), event_same_day=0.1)) == {everything - {"short"},
                                                                                    frozenset({"short"})}
    # ...and so it does, published the next day: the same people on another day may be another event.
    assert stories("2026-04-15") == {everything - {"short"}, frozenset({"short"})}


FERRY = [
    ("Thirty-two hurt as fire sweeps Velmora ferry",
     "Thirty-two people were injured when fire swept through the car deck of the Kestrel, a passenger ferry "
     "moored in Velmora harbour, on Saturday night. The harbour master said the blaze started in a "
     "refrigerated lorry. Four people remain in hospital with burns. The ferry operator, Brisa Lines, has "
     "suspended sailings to Orsk while investigators examine the ship."),
    ("Velmora ferry blaze: 32 injured, sailings suspended",
     "A blaze on the Kestrel ferry in Velmora harbour injured 32 people on Saturday night, the harbour master "
     "said. The fire began in a refrigerated lorry on the car deck. Brisa Lines suspended its Orsk sailings. "
     "Four of the injured are still in hospital."),
    ("Brisa Lines halts Orsk route after Kestrel fire",
     "Brisa Lines has halted its Velmora to Orsk route after a fire on its ferry Kestrel injured 32 people. "
     "Investigators believe the fire started in a refrigerated lorry. Four people are being treated in "
     "hospital for burns."),
]
FERRY_FIRST = ("Ferry fire in Velmora", "Several people were taken to hospital after a fire on a ferry at "
               "Velmora on Saturday. The cause is not yet known.")


def test_a_first_short_report_joins_the_fuller_reports_that_came_after_it() -> None:
    """Dated the evening before, the short first report is placed first and starts the story; the full
    reports then agree with it too little, one by one, to join it, and make their own story. That story
    is asked what the short report would have been asked had it come last: it joins. Before, two
    stories had to agree across as well as within to merge, and a story of one report never did."""
    first = Article(title=FERRY_FIRST[0], body=FERRY_FIRST[1], published="2026-06-20", lang="en")
    items = [*_items("ferry", FERRY, "2026-06-21"), ("first", first)]
    result = cluster_articles(items)
    assert {frozenset(c.members) for c in result} == {frozenset({"ferry0", "ferry1", "ferry2", "first"})}
    # Another event about the same ferry a week later stays apart all the same.
    later = ("Kestrel back in service", "The Kestrel returned to service on the Velmora to Orsk route on "
             "Monday after repairs to its car deck, Brisa Lines said. Tickets sold out within hours.")
    items.append(("later", Article(title=later[0], body=later[1], published="2026-06-29", lang="en")))
    assert frozenset({"later"}) in {frozenset(c.members) for c in cluster_articles(items)}
