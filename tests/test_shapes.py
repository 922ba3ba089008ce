"""Answers that fit the question: each shape, the weak-match signal and boilerplate, on the seed reports."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from askofsted.cli import main


def ask_json(index, question: str, *args: str) -> dict:
    result = CliRunner().invoke(main, ["ask", "--index", str(index.root), "--json", *args, question])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_a_change_question_about_one_council_is_a_timeline_oldest_first(seed_index):
    answer = seed_index.ask("Have Kingston's services for care leavers got better since 2012?", k=6)
    assert answer.shape == "timeline"
    reports = [g.report_id for g in answer.groups if not g.lead]
    # Full inspections, oldest first; the 2019 focused visit looked at one service only.
    assert reports == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    for group in answer.groups:
        assert group.positions, group.label
        assert {answer.results[i].citation.id.split("#")[0] for i in group.positions} == {group.report_id}
    positions = [i for g in answer.groups for i in g.positions]
    assert positions == list(range(len(answer.results)))  # grouped in order, nothing left out
    assert "timeline" in answer.understood and not answer.weak
    # The 2024 group speaks of care leavers.
    last = answer.groups[-1]
    assert any("care leaver" in answer.results[i].text.lower() for i in last.positions)


def test_a_change_question_without_a_topic_heads_each_inspection_with_its_grades(seed_index):
    # The grades head each inspection's group (its facts); its paragraphs are findings, the
    # summary first, never the grade table again.
    answer = seed_index.ask("How has Kingston changed since 2012?", k=6)
    assert answer.shape == "timeline" and not answer.weak
    latest = answer.groups[-1]
    assert latest.facts.headline["overall_effectiveness"] == "outstanding"
    first = answer.results[latest.positions[0]]
    assert "outstanding services" in first.text
    assert not any(r.text.startswith("The impact of leaders on social work practice") for r in answer.results)


def test_a_grade_question_that_speaks_of_years_ago_shows_the_grades_before_too(seed_index):
    # 'my friend reckons they were rated inadequate a few years ago': the latest grades answer
    # 'any good?', the ones before say whether the friend is right.
    answer = seed_index.ask("is Kingston any good? my friend reckons they were rated inadequate a few years ago")
    assert answer.shape == "grades" and "and the one before" in answer.understood
    assert [f.report_id for f in answer.facts] == ["kingston-upon-thames-2024", "kingston-upon-thames-2012"]


def test_a_roster_of_a_term_of_art_takes_the_councils_whose_reports_use_it(seed_index, monkeypatch):
    from askofsted.asking import ranking

    # Two councils in the seeds: let one council's use of a phrase count.
    monkeypatch.setattr(ranking, "PHRASE_MIN_COUNCILS", 1)
    monkeypatch.setattr(ranking, "PHRASE_SHARE", 1.0)
    answer = seed_index.ask("which councils have a multi-agency safeguarding hub?", k=5)
    assert answer.shape == "roster" and answer.results
    assert all(re.search(r"multi[\s-]+agency safeguarding hub", r.text, re.IGNORECASE) for r in answer.results)


def test_the_phrases_of_a_question_are_its_words_side_by_side():
    from askofsted.words import phrases

    assert [" ".join(p) for p in phrases("which councils offer functional family therapy?")] == [
        "offer functional", "offer functional family", "offer functional family therapy", "functional family",
        "functional family therapy", "family therapy"]
    assert "family drug and alcohol court" in [" ".join(p) for p in phrases("a family drug and alcohol court (FDAC)")]
    assert "multi agency safeguarding hub" in [" ".join(p) for p in phrases("a multi-agency safeguarding hub")]
    assert phrases("which councils have a children's trust?") == []  # a possessive parts its words
    assert phrases("care leavers, fostering") == [["care", "leavers"]]  # punctuation parts them


def test_which_councils_is_a_roster_of_one_paragraph_per_authority(seed_index):
    answer = seed_index.ask("Which councils have a panel for exploited young people?", k=5)
    assert answer.shape == "roster"
    authorities = [r.citation.authority for r in answer.results]
    assert len(authorities) == len(set(authorities)) == 2
    assert [g.authority for g in answer.groups] == authorities


def test_a_grade_question_about_a_council_leads_with_its_latest_graded_inspection(seed_index):
    answer = seed_index.ask("Is Kingston any good?")
    assert answer.shape == "grades" and not answer.weak
    assert "latest graded inspection" in answer.understood
    # The focused visit of 2019 gives no grades; the 2024 inspection does, and leads.
    assert answer.results[0].citation.id.startswith("kingston-upon-thames-2024#")
    assert "Overall effectiveness: Outstanding" in answer.results[0].text


def test_nothing_close_is_weak_and_says_so(seed_index):
    answer = seed_index.ask("What is the weather like in London tomorrow?")
    assert answer.weak and answer.results
    assert "Nothing in these reports answers this closely" in answer.note
    record = ask_json(seed_index, "What is the weather like in London tomorrow?")
    assert record["weak"] is True and record["results"]


def test_a_question_about_another_kind_of_inspection_is_weak_and_says_which(seed_index):
    answer = seed_index.ask("What Ofsted grade did my son's secondary school in Kingston get?")
    assert answer.weak
    assert "school" in answer.note


def test_answerable_questions_are_not_weak(seed_index):
    for question in ("How quickly are return home interviews offered?",
                     "What did inspectors say about foster parents in Kingston?",
                     "How are care leavers helped into jobs or college?"):
        assert not seed_index.ask(question).weak, question


def test_a_grade_a_change_started_from_asks_for_no_grades():
    from askofsted.asking.understanding import understand

    # 'rated' here says where the change starts, and the year with it is where the timeline starts.
    understood = understand("How has Slough changed since it was rated inadequate in 2015?")
    assert understood.shape == "timeline" and understood.since_grade == "inadequate"
    assert understood.filters.since == 2015 and not understood.filters.years and not understood.topical
    # A question about one inspection that asks how often children change social worker is no change.
    understood = understand("Slough 2020 inspection: what did they say about how often kids had to change social worker?")
    assert understood.shape == "passages" and understood.filters.years == (2020,)


def test_a_change_word_only_in_the_scene_is_the_asker_s_story():
    from askofsted.asking.understanding import understand

    # 'Fell out' is what happened to the asker; they ask what inspectors said about private fostering.
    understood = understand("My nephew has lived with us since he fell out with his dad, we're in Kingston. "
                            "Is that private fostering? What did Ofsted say about how the council deals with it?")
    assert understood.shape == "passages" and understood.filters.authorities == ("Kingston upon Thames",)
    # A scene of grades is where a change starts: the grade now, and the one before.
    understood = understand("Kingston used to be outstanding. What are they rated now?")
    assert understood.shape == "grades" and not understood.filters.latest
    # A change word in the sentence that asks still makes a change.
    assert understand("Kingston had a new director in 2020. Has the front door improved since?").shape == "timeline"


def test_always_a_grade_asks_for_every_inspection_s_grades():
    from askofsted.asking.understanding import understand

    for question in ("has kingston always been good or is that just recently?",
                     "kingston has always been good hasnt it?", "Has Kensington and Chelsea always been outstanding?"):
        understood = understand(question)
        assert understood.shape == "grades" and understood.history == "grades", question
    # Without a grade, 'always' is about practice.
    assert understand("In Kingston, have care leavers always been supported well?").shape == "passages"


def test_a_change_since_one_year_to_a_later_one_is_that_range():
    from askofsted.asking.understanding import understand

    understood = understand("Kingston fell to requires improvement in 2024 - what got worse since 2019?")
    assert understood.shape == "timeline"
    assert (understood.filters.since, understood.filters.until, understood.filters.years) == (2019, 2024, ())
    # 'since the 2019 inadequate' starts there; 'turned things round' is a change.
    understood = understand("has kingston really turned things round since the 2012 adequate?")
    assert understood.shape == "timeline" and understood.filters.since == 2012


def test_grades_stated_with_rated_set_the_scene_for_a_change():
    from askofsted.asking.understanding import understand

    understood = understand("Kingston was rated good in 2019, then care leavers were judged requires improvement "
                            "in 2024. what went wrong for care leavers between the two?")
    assert understood.shape == "timeline" and understood.topical
    # A grade asked in the last clause is still a grades answer.
    assert understand("Kingston was rated good in 2019. What is it rated now?").shape == "grades"


def test_whether_a_grade_held_across_the_board_asks_for_every_judgement_s_grade():
    from askofsted.asking.understanding import understand

    understood = understand("kingston was good in 2019 - was that across the board or just for care leavers?")
    assert understood.shape == "grades" and understood.filters.years == (2019,)


def test_years_named_and_the_latest_one_run_from_the_first_year_to_now():
    from askofsted.asking.understanding import understand

    understood = understand("Kingston were 'adequate' in 2010 and again in 2012. Has anything changed in the latest one?")
    assert understood.shape == "timeline"
    assert (understood.filters.since, understood.filters.until, understood.filters.years) == (2010, None, ())


def test_a_claim_in_the_scene_checked_by_is_that_true_is_what_is_asked():
    from askofsted.asking.understanding import understand

    # The asking sentence only points back: the change it checks is in the sentence before.
    understood = understand("a friend says kingston has got worse since 2012. is that true?")
    assert understood.shape == "timeline" and understood.filters.since == 2012
    assert understand("someone told me Kingston got better at protecting children. is that correct?").shape == "timeline"


def test_a_problem_named_then_was_that_fixed_is_a_change_to_the_year_named():
    from askofsted.asking.understanding import understand

    understood = understand("In 2012 inspectors said Kingston's plans for children were vague. Was that fixed by 2024?")
    assert understood.shape == "timeline"
    assert understood.filters.years == (2012, 2024)


def test_a_year_a_grade_dropped_to_is_where_the_change_ends():
    from askofsted.asking.understanding import understand

    understood = understand("why did kingston drop to requires improvement in 2024 when it was good before? what got worse")
    assert understood.shape == "timeline"
    assert (understood.filters.since, understood.filters.until) == (None, 2024)
    # A year a change started from is still where it starts.
    assert understand("Kingston was inadequate in 2012. Is it better now?").filters.since == 2012


def test_grades_stated_for_two_years_then_why_is_a_change():
    from askofsted.asking.understanding import understand

    understood = understand("Kingston's care leavers were praised in 2019 but got RI in 2024. What went wrong?")
    assert understood.shape == "timeline" and understood.topical
    # Why, without two inspections stated, is not.
    assert understand("Kingston got RI for care leavers in 2024. What went wrong?").shape != "timeline"


def test_everyday_ways_of_asking_about_grades_and_change():
    from askofsted.asking.understanding import understand

    assert understand("thinking of fostering for kingston. are they still outstanding with ofsted?").shape == "grades"
    assert understand("kingston ofsted 2024 results - are they still outstanding??").shape == "grades"
    assert understand("Kingston got criticised in 2012 for its chronologies. Have they sorted it since?").shape == "timeline"
    assert understand("Kingston kept losing social workers in 2012. Is the workforce more stable now?").shape == "timeline"
    # 'kept up to date' is no change.
    assert understand("Were chronologies kept up to date on Kingston case files in 2012?").shape == "passages"


def test_a_year_in_the_scene_and_now_in_the_question_is_then_and_now():
    from askofsted.asking.understanding import understand

    for question in ("Kingston's caseloads were too high in 2012. how are they now?",
                     "kingston: chronologies were missing in 2012 - what does the new report say about them?"):
        understood = understand(question)
        assert understood.shape == "timeline" and understood.filters.since == 2012, question
    # A year that names the latest report itself, or asked about, chooses it.
    assert understand("Kingston's newest report (2024) - what do they say about young carers?").shape == "passages"
    assert understand("Kingston 2012: what did they say about care leavers?").filters.years == (2012,)


def test_who_is_asking_is_no_topic():
    from askofsted.asking.understanding import understand

    understood = understand("kingston foster carer here - are we officially outstanding now?")
    assert understood.shape == "grades" and understood.filters.latest
    assert understand("social worker here, what did Kingston's inspectors say about supervision?").shape == "passages"


def test_contractions_typed_without_apostrophes_are_no_words_to_match():
    from askofsted.words import words

    assert words("im 22 and ive just been dropped, it isnt written down and i cant get help") == [
        "22", "dropped", "written", "help"]


def test_a_remark_after_the_question_is_no_topic(seed_index):
    from askofsted.asking.understanding import understand

    answer = seed_index.ask("is kingston better now than in 2012? got an interview there next week")
    assert answer.shape == "timeline" and not answer.weak
    assert not understand("is kingston any good? thinking of fostering for them").topical
    # What narrows the question, or asks on without its mark, is still the question.
    assert understand("what did ofsted say about kingston? especially care leavers").topical
    assert understand("was kingston failing in 2012? what did ofsted say about adoption").topical


def test_a_time_in_the_asker_s_story_chooses_no_inspection():
    from datetime import date

    from askofsted.asking.understanding import understand

    today = date(2026, 6, 1)
    story = understand("my son went into care in Kingston last year. what did ofsted say about kids in care there?", today)
    assert story.filters.years == () and story.filters.authorities == ("Kingston upon Thames",)
    practice = understand("an allegation was made against me last year and nobody told me anything for months. "
                          "what do the reports say about allegations against foster carers?", today)
    assert practice.filters.years == ()
    # A time said of the inspection chooses it.
    assert understand("Kingston was inspected last year. what did they say about care leavers?", today).filters.years == (2025,)
    assert understand("what did inspectors find in Kingston last year?", today).filters.years == (2025,)


def test_the_words_matched_are_the_asking_sentence_s(seed_index):
    from askofsted.asking.sentences import asked_part

    # The scene ('nothing seemed to happen for ages') is in no report; its words would have
    # told BM25 that nothing answers, and the paragraphs on the single point of access fell.
    assert asked_part("My sister rang them about the neighbours' kids. What did Ofsted say about the MASH?") == (
        "What did Ofsted say about the MASH?")
    assert asked_part("My mum may get an SGO. What help is there?").startswith("What help is there? special guardianship")
    answer = seed_index.ask("My sister rang Kingston children's services about the neighbours kids and nothing seemed "
                            "to happen for ages. What did ofsted say about the single point of access and how "
                            "referrals get handled there?")
    assert answer.results[0].citation.id == "kingston-upon-thames-2024#2"
    assert "single point of access" in answer.results[0].text.lower()


def test_what_a_scene_names_is_not_what_is_asked(seed_index):
    # The town the asker lives in is in no report; what they ask about is.
    answer = seed_index.ask("We live just outside Surbiton, so it's Kingston council. what do they do "
                            "for care leavers who need somewhere to live?")
    assert not answer.weak and "Surbiton" not in (answer.note or "")
    # A question put after a scene that names the reports' own topics still asks what it asks.
    answer = seed_index.ask("whats the weather usually like in Kingston in winter? we're thinking of moving there to foster")
    assert answer.weak


def test_a_letters_form_and_standard_paragraphs_never_answer(seed_index):
    answer = seed_index.ask("front door Kensington and Chelsea", k=10)
    texts = [r.text for r in answer.results]
    assert texts and answer.results[0].citation.authority == "Kensington and Chelsea"
    for text in texts:
        assert not text.startswith(("Dear", "Yours sincerely", "This letter summarises", "Ofsted will take")), text
        assert "Executive Director of Children's Services" not in text  # the addressee's block
    assert any("multi-agency safeguarding hub" in t.lower() for t in texts[:3])


def test_the_first_line_says_what_was_understood_and_the_shape(seed_index):
    assert seed_index.ask("foster carers").understood == "all reports; passages"
    misspelt = seed_index.ask("kingstone care levers pathway plans")
    assert misspelt.understood.startswith("Kingston upon Thames ('kingstone' read as Kingston upon Thames)")
    assert all(r.citation.authority == "Kingston upon Thames" for r in misspelt.results)


def test_json_carries_shape_groups_facts_and_weak(seed_index):
    record = ask_json(seed_index, "How has Kingston changed since 2012?")
    assert record["shape"] == "timeline" and record["weak"] is False
    lead, *inspections = record["groups"]
    assert lead["lead"] is True and "facts" not in lead and lead["report_id"] == "kingston-upon-thames-2024"
    assert [g["report_id"] for g in inspections][0] == "kingston-upon-thames-2012"
    positions = [p for g in record["groups"] for p in g["results"]]
    assert positions == list(range(len(record["results"])))
    assert record["understood"].startswith("Kingston upon Thames")
    # Each inspection of a timeline is headed by its grades, in the JSON and on the terminal.
    first = inspections[0]["facts"]
    assert first["report_id"] == "kingston-upon-thames-2012"
    assert {"name": "overall effectiveness of safeguarding services", "grade": "inadequate"}.items() <= \
        next(j for j in first["judgements"] if j["name"] == "overall effectiveness of safeguarding services").items()
    text = CliRunner().invoke(main, ["ask", "--index", str(seed_index.root), "How has Kingston changed since 2012?"]).output
    heading = text.index("== Kingston upon Thames")
    assert text.index("[1] kingston-upon-thames-2024") < heading  # the lead: where Kingston stands now
    assert "Overall effectiveness of safeguarding services: inadequate" in text[heading:text.index("[2]")]


def test_a_timeline_leads_with_the_latest_inspection_s_own_account_of_the_change(seed_index):
    # 'Better since 2012?' is answered first by the 2024 report's sentence comparing with the
    # last inspection; then each inspection, oldest first, under its grades.
    question = "Have things got better for children in care in Kingston since 2012?"
    answer = seed_index.ask(question, k=6)
    assert answer.shape == "timeline" and not answer.weak
    assert "led by the latest inspection's account of the change" in answer.understood
    lead, *inspections = answer.groups
    assert lead.lead and lead.positions == (0,) and lead.report_id == "kingston-upon-thames-2024" and lead.facts is None
    assert answer.results[0].text.startswith("Since the last inspection")
    assert [g.report_id for g in inspections] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    assert all(g.facts is not None and not g.lead for g in inspections)
    positions = [p for g in answer.groups for p in g.positions]
    assert positions == list(range(len(answer.results))) and len(answer.results) == 6  # shown once each
    record = ask_json(seed_index, question, "-k", "6")
    assert record["groups"][0]["lead"] is True and "facts" not in record["groups"][0]
    assert all("lead" not in g for g in record["groups"][1:])
    text = CliRunner().invoke(main, ["ask", "--index", str(seed_index.root), "-k", "6", question]).output
    assert text.index("== What changed, as the latest inspection puts it") < text.index("[1] kingston-upon-thames-2024")
    assert text.index("[1] kingston-upon-thames-2024") < text.index("== Kingston upon Thames")


def test_a_timeline_on_a_topic_is_led_by_the_latest_inspection_on_that_topic(seed_index):
    # The 2024 summary ranks high for what it says of the whole service (its corporate
    # parents), but it says nothing of visits: the paragraph on them leads.
    answer = seed_index.ask("has Kingston got better at seeing children in care regularly since 2012?", k=5)
    assert answer.shape == "timeline" and answer.groups[0].lead
    assert answer.results[0].text.startswith("Visits to children are regular and purposeful")


def test_on_topic_keeps_the_paragraphs_about_as_close_as_the_closest():
    from askofsted.asking.answer import ON_TOPIC, on_topic

    closeness = {1: 0.65, 2: 0.65 - ON_TOPIC / 2, 3: 0.65 - 2 * ON_TOPIC}
    assert on_topic([3, 2, 1], closeness) == {1, 2}
    assert on_topic([], {}) == set()


def test_a_timeline_asking_praise_or_fault_without_a_topic_is_led_by_the_latest_summary(seed_index):
    # 'What did inspectors praise' names no topic: the whole service, as the latest report sums
    # it up, leads (its summary has no sentence comparing with 2012, so its first paragraph), not
    # the paragraph the praise words rank first.
    answer = seed_index.ask("Kingston was inadequate in 2012 and outstanding in 2024. What did inspectors praise "
                            "between the two inspections?", k=6)
    assert answer.shape == "timeline" and answer.groups[0].lead
    assert "outstanding services" in answer.results[0].text


def test_a_timeline_without_a_comparing_paragraph_leads_with_where_things_stand_now(seed_index):
    # Nothing among 2024's paragraphs on care leavers compares with 2012: the lead is 2024's
    # best paragraph on them, what 'better' is judged by, then the inspections oldest first.
    answer = seed_index.ask("Have Kingston's services for care leavers got better since 2012?", k=6)
    assert answer.shape == "timeline" and "led by the latest inspection's finding" in answer.understood
    lead, *inspections = answer.groups
    assert lead.lead and lead.label.startswith("Where it stands now") and lead.report_id == "kingston-upon-thames-2024"
    assert "care leaver" in answer.results[0].text.lower()
    assert [g.report_id for g in inspections] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    assert len(answer.results) == 6 and answer.results[0] not in [answer.results[i] for i in inspections[-1].positions]


def test_a_roster_with_a_grade_comes_from_the_facts_and_cites_the_grade(seed_index):
    answer = seed_index.ask("Which councils are rated outstanding?")
    assert answer.shape == "roster" and not answer.weak
    assert [r.citation.authority for r in answer.results] == ["Kingston upon Thames"]
    assert "Overall effectiveness: Outstanding" in answer.results[0].text
    assert [g.authority for g in answer.groups] == ["Kingston upon Thames"]
    assert "every authority judged outstanding" in answer.understood
    nobody = seed_index.ask("Which councils are rated inadequate now?")
    assert nobody.results == () and "No authority in this index qualifies" in nobody.note


def test_a_grade_question_names_the_judgement_it_asks_about(seed_index):
    answer = seed_index.ask("How was the overall effectiveness of Kingston's services for looked after children "
                            "graded in 2012?")
    assert answer.shape == "grades"
    assert answer.results[0].text.startswith("The overall effectiveness is adequate.")
    facts = answer.facts[0]
    assert facts.report_id == "kingston-upon-thames-2012"
    assert ("safeguarding_overall_effectiveness", "inadequate") in [(j.key, j.grade) for j in facts.judgements]


def test_a_grade_question_about_a_visit_says_it_is_not_graded(seed_index):
    answer = seed_index.ask("What grade did Kingston get from the focused visit in 2019?")
    assert answer.shape == "grades" and "gives no grades" in answer.understood
    assert answer.facts[0].graded is False
    assert answer.results[0].citation.id.startswith("kingston-upon-thames-2019-")
    assert "Most vulnerable adolescents" in answer.results[0].text  # its headline finding


def test_a_year_without_a_report_takes_the_nearest_and_says_so(seed_index):
    answer = seed_index.ask("What did the 2023 inspection of Kingston say about care leavers?")
    assert "nothing in 2023; the nearest" in answer.understood
    assert {r.citation.id.split("#")[0] for r in answer.results} == {"kingston-upon-thames-2024"}
    far = seed_index.ask("What did the 2016 inspection of Kingston say about care leavers?")
    assert far.results == () and "2012" in far.note and "2024" in far.note


def test_a_visit_the_index_lacks_is_answered_from_the_inspection_that_followed(seed_index):
    answer = seed_index.ask("What did the monitoring visit to Kingston in 2023 find?")
    assert "holds no monitoring visit in 2023" in answer.understood
    assert {r.citation.id.split("#")[0] for r in answer.results} == {"kingston-upon-thames-2024"}
    # Asked its grade, the inspection that followed a visit answers: it reports on the visit,
    # which gives no grade, and its own grades are there.
    graded = seed_index.ask("What grade did Kingston get from its monitoring visit in 2023?")
    assert graded.shape == "grades" and "holds no monitoring visit in 2023" in graded.understood and not graded.weak
    # What the visit found is not here, nor is a full inspection the index lacks, nor a visit in
    # the year of the full inspection, which may have come before it: weak, saying why first.
    for missing in ("What did the monitoring visit to Kingston in 2023 find about care leavers?",
                    "What did Kingston's 2016 single inspection find about care leavers?",
                    "What did the monitoring visit to Kingston in 2024 find?"):
        lacking = seed_index.ask(missing)
        assert "holds no" in lacking.understood and lacking.weak, missing
        assert "does not hold the inspection asked about" in lacking.note
    # A year misremembered by one is answered from the nearest inspection, not flagged.
    near = seed_index.ask("What did Kingston's 2023 inspection say about care leavers?")
    assert "the nearest" in near.understood and not near.weak


def test_a_part_of_a_report_its_framework_does_not_have_is_not_answered(seed_index):
    # ILACS reports give no local figures ('Information about this local authority area'):
    # the nearest paragraphs of Kingston's 2024 report do not say how many children are on plans.
    answer = seed_index.ask("How many children were on child protection plans in Kingston in 2024?")
    assert answer.weak and "no 'Information about this local authority area' part" in answer.note
    # Asked about what the report does say, the same report answers.
    assert not seed_index.ask("How does Kingston decide on child protection plans in 2024?").weak


def test_since_its_last_inspection_compares_the_latest_two(seed_index):
    answer = seed_index.ask("Have Kingston's services for care leavers improved since its last inspection?")
    assert answer.shape == "timeline"
    assert [g.report_id for g in answer.groups if not g.lead] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]


@pytest.mark.parametrize("question", [
    "Is Kingston better or worse than at its previous inspection?",
    "how does Kingston's latest inspection compare with the previous one?",
    "has Kingston gone downhill since the previous inspection?",
])
def test_the_previous_inspection_as_what_is_compared_with_is_a_timeline(seed_index, question):
    # 'than at its previous inspection' names where a change starts, not the inspection to read.
    answer = seed_index.ask(question, k=4)
    assert answer.shape == "timeline" and "before the latest" not in answer.understood, answer.understood
    assert [g.report_id for g in answer.groups if not g.lead] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]


def test_the_previous_inspection_asked_about_is_still_read_alone(seed_index):
    answer = seed_index.ask("What did Kingston's previous inspection say about care leavers?", k=3)
    assert answer.shape == "passages" and "the inspection before the latest" in answer.understood
    assert {r.citation.id.split("#")[0] for r in answer.results} == {"kingston-upon-thames-2012"}


def test_a_roster_of_a_named_programme_takes_only_paragraphs_that_name_it(seed_index):
    answer = seed_index.ask("Which councils run a 'MARVE' panel?")
    assert answer.results and all("MARVE" in r.text for r in answer.results)
    assert [r.citation.authority for r in answer.results] == ["Kingston upon Thames"]


def test_now_and_the_first_inspection_are_where_a_change_ends_or_starts(seed_index):
    # 'now' in a change question is the latest inspection as the end of the comparison,
    # not a filter to the latest alone: the answer still compares inspections.
    answer = seed_index.ask("Kingston was inadequate years ago. Are services for children in care any better now?", k=6)
    assert answer.shape == "timeline"
    assert [g.report_id for g in answer.groups if not g.lead] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    # 'since its first inspection' starts the timeline at the first inspection held and
    # shows every full inspection after it, not the first alone.
    answer = seed_index.ask("How has Kingston changed since its first inspection?", k=6)
    assert answer.shape == "timeline" and "since the first inspection" in answer.understood and not answer.weak
    assert [g.report_id for g in answer.groups if not g.lead] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    # Without a change, 'now' still means the latest inspection alone.
    answer = seed_index.ask("What is Kingston doing about children who go missing these days?", k=3)
    assert answer.shape == "passages"
    assert {r.citation.id.split("#")[0] for r in answer.results} == {"kingston-upon-thames-2024"}


def test_the_words_that_choose_the_inspections_are_not_the_topic(seed_index):
    # 'since its last inspection' says which inspections to compare; nothing is left to match,
    # so each inspection is led by its summary under its grades, and the answer is not weak.
    answer = seed_index.ask("Has Kingston improved since its last inspection?", k=4)
    assert answer.shape == "timeline" and not answer.weak
    assert [g.report_id for g in answer.groups if not g.lead] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    assert "receive outstanding services" in answer.results[0].text  # the lead: the latest's summary


def test_a_question_after_a_scene_keeps_what_the_scene_named():
    from askofsted.asking.answer import phrasings

    asked = phrasings("My mum may get an SGO for my nephew. What help do councils give families in that position?")
    alone = [p for p in asked if "my mum" not in p.lower()]
    assert alone and all("special guardianship" in p for p in alone), asked
    # A question of one sentence is asked as it is (and in the reports' words).
    assert len(phrasings("How are care leavers helped into work?")) <= 2


def test_the_best_councils_are_those_with_the_best_grade_held(seed_index):
    from askofsted.asking.understanding import understand

    answer = seed_index.ask("Who has the best children's services?")
    assert answer.shape == "roster" and not answer.weak
    # Kingston's latest graded inspection is outstanding; Kensington and Chelsea's only
    # report here is a focused visit, which gives no grade.
    assert [r.citation.authority for r in answer.results] == ["Kingston upon Thames"]
    assert "the best overall effectiveness" in answer.understood and "(outstanding)" in answer.understood
    # 'best practice' and 'best interests' are about practice, not grades.
    assert understand("Which councils show best practice with care leavers?").extreme is None
    assert understand("Which councils act in the best interests of children in care?").extreme is None


def test_results_from_the_part_of_a_report_asked_for_are_not_weak(seed_index):
    # 'Recommendations' paragraphs ('Ensure that ...') share few words with the question;
    # they answer it by where they sit in the report.
    from askofsted.domain.sections import headed

    answer = seed_index.ask("What were the recommendations for Kingston in 2012?", k=3)
    assert not answer.weak
    # The 2012 framework lists them under 'Areas for improvement' by when: 'Within three months:'.
    assert all(any(headed("improvement", h) for h in r.citation.headings) for r in answer.results[:2])


def test_good_at_something_is_a_topic_not_a_grade_check(seed_index):
    answer = seed_index.ask("Is Kingston good at finding adopters?", k=3)
    assert answer.shape == "passages"
    assert seed_index.ask("Was Kingston good at its last inspection?").shape == "grades"


def test_a_question_that_points_back_is_asked_with_the_sentence_it_points_to():
    from askofsted.asking.answer import phrasings
    from askofsted.asking.understanding import understand

    # 'Has that improved?' says nothing once its change words are read: what 'that' is
    # comes from the sentence before, without the scene before that.
    text = understand("Our son is disabled and we live in Kingston. Inspectors said short breaks were poor. "
                      "Has that improved?").text
    assert any("short breaks" in p and "we live" not in p for p in phrasings(text)), phrasings(text)


def test_a_report_s_summary_is_the_prose_it_opens_with(seed_index):
    from askofsted.asking.answer import _opening
    from askofsted.index import store

    reports = {r.report_id: r for r in seed_index.reports()}

    def opening(report_id):
        ids, _ = _opening(seed_index, reports[report_id].id)
        found = store.paragraphs_by_ids(seed_index.connection, ids)
        return [found[i].paragraph for i in ids]

    ilacs = opening("kingston-upon-thames-2024")  # no heading: the prose under the title, beside the grade table
    assert len(ilacs) == 2 and ilacs[0].text.startswith("Children living in Kingston upon Thames receive")
    assert all(p.kind == "text" and p.number is None for p in ilacs)
    assert opening("kingston-upon-thames-2019-03-19-focused-visit")[0].headings == ("Overview",)
    # A letter and the 2012 framework's report open with no summary of their findings.
    assert opening("kingston-upon-thames-2010-contact-referral-assessment") == []
    assert opening("kingston-upon-thames-2012") == []


def test_a_question_with_no_topic_reads_the_summary_in_the_report_s_order():
    # Nothing in 'how was Hull rated in 2014?' names a topic to rank by: the grade table where
    # it ranked, then the summary the report opens with, as the report gives it, then the rest.
    from askofsted.asking.answer import _summary_first
    from askofsted.asking.ranking import Ranked

    ranked = Ranked([(12, 0.9), (40, 0.8), (10, 0.7), (55, 0.6)], {})
    reordered = _summary_first(ranked, summary=[10, 11, 12], limit=5, tables={40})
    assert [pid for pid, _ in reordered.paragraphs] == [40, 10, 11, 12, 55]
    assert [pid for pid, _ in _summary_first(ranked, [10, 11, 12], 3, set()).paragraphs] == [10, 11, 12]


def test_a_timeline_hears_each_report_s_summary_of_what_changed(seed_index):
    # A report's summary says how services changed since the last inspection: in a
    # question about change it has a half vote more, which brings it up from below the
    # tenth paragraph of its inspection. The first paragraph here is the finding that says
    # what changed for children in care ('Since the last inspection ... maintained').
    from askofsted.asking.answer import _opening

    from askofsted.asking import ranking

    question = "Have things got better for Kingston's children in care?"
    report = next(r for r in seed_index.reports() if r.report_id == "kingston-upon-thames-2024")
    summary = {p.text for p in _paragraphs(seed_index, _opening(seed_index, report.id)[0])}

    def summary_place(answer) -> int:  # where 2024's first summary paragraph comes (the lead first)
        latest = [i for g in answer.groups if g.report_id == "kingston-upon-thames-2024" for i in g.positions]
        return next((n for n, i in enumerate(latest) if answer.results[i].text in summary), 99)

    from askofsted.asking import plan

    shown, plan.TIMELINE_PER_INSPECTION = plan.TIMELINE_PER_INSPECTION, 10  # see where it ranks, not only the top two
    try:
        answer = seed_index.ask(question, k=20)
        assert answer.shape == "timeline"
        # It leads the answer: the latest inspection's own account of the change.
        assert answer.groups[0].lead and answer.groups[0].report_id == "kingston-upon-thames-2024"
        assert answer.results[0].text.startswith("Since the last inspection")
        with_vote = summary_place(answer)
        saved, ranking.OPENING_WEIGHT = ranking.OPENING_WEIGHT, 0.0
        try:
            without = summary_place(seed_index.ask(question, k=20))
        finally:
            ranking.OPENING_WEIGHT = saved
    finally:
        plan.TIMELINE_PER_INSPECTION = shown
    assert with_vote < without
    # Asked for passages about the same report, the summary does not take the lead.
    passages = seed_index.ask("What did Ofsted say about Kingston's children in care in 2024?", k=2)
    assert not any(r.text in summary for r in passages.results)


def _paragraphs(index, ids):
    from askofsted.index import store

    found = store.paragraphs_by_ids(index.connection, ids)
    return [found[i].paragraph for i in ids]


def test_which_followed_by_a_place_is_a_roster(seed_index):
    answer = seed_index.ask("Which London boroughs were judged outstanding?")
    assert answer.shape == "roster" and "from the grades" in answer.understood
    # Kingston is a London borough judged outstanding at its latest graded inspection; Kensington
    # and Chelsea's only report here is an ungraded visit.
    assert [r.citation.authority for r in answer.results] == ["Kingston upon Thames"]


def test_a_question_about_a_council_and_no_topic_gets_its_inspection(seed_index):
    # 'What did Ofsted say about Kingston?' asks about the inspection itself: its grades,
    # with the summary the report opens with beneath them.
    answer = seed_index.ask("What did Ofsted say about Kingston?", k=4)
    assert answer.shape == "grades" and [f.report_id for f in answer.facts] == ["kingston-upon-thames-2024"]
    assert any(r.text.startswith("Children living in Kingston upon Thames receive outstanding services")
               for r in answer.results[:3])
    # A topic keeps it a question for passages.
    assert seed_index.ask("What did Ofsted say about Kingston's care leavers?").shape == "passages"


def test_the_words_that_ask_for_a_grade_are_not_a_topic():
    from askofsted.asking.understanding import understand

    for question in ("Is Kingston any good?", "Were Slough rated inadequate?", "how did Walsall do at its last Ofsted?"):
        understood = understand(question)
        assert understood.shape == "grades" and not understood.topical, question
        assert understood.judgement_areas == ("overall_effectiveness",)
    for question in ("Is Kingston's adoption service good?", "What grade did Leeds get for leadership?"):
        assert understand(question).topical, question
    # Nor are the words asking whether a grade held ('still', 'kept', 'gone up'): they ask for
    # the latest inspection and the one before, whose summaries say why.
    for question in ("Is Kingston still good?", "Kingston - still outstanding?", "Has Slough's rating gone up?",
                     "has Leeds kept its outstanding rating?"):
        understood = understand(question)
        assert understood.shape == "grades" and understood.change and not understood.topical, question


def test_a_grades_answer_hears_the_report_s_summary(seed_index):
    # The grade table, then the summary the report opens with (why it was so judged).
    answer = seed_index.ask("Is Kingston any good?", k=4)
    assert answer.shape == "grades" and answer.results[0].text.startswith("The impact of leaders")
    assert [r.text[:40] for r in answer.results[1:3]] == [
        "Children living in Kingston upon Thames ", "Political and corporate leaders are comm"]


def test_a_council_without_a_time_shows_what_its_latest_inspection_found(seed_index):
    # Kingston's 2010 letter is all about contacts and referrals; the answer leads with what
    # the latest inspection (2024) found, the front door as it is now, and the letter follows.
    answer = seed_index.ask("How does Kingston handle contacts and referrals?", k=4)
    reports = [r.citation.id.split("#")[0] for r in answer.results]
    assert reports[0] == "kingston-upon-thames-2024", reports
    assert "kingston-upon-thames-2010-contact-referral-assessment" in reports
    # A year asked keeps to it.
    assert {r.citation.id.split("#")[0] for r in seed_index.ask("How did Kingston handle referrals in 2012?", k=4).results} == {
        "kingston-upon-thames-2012"}


def test_more_ways_of_asking_about_a_council_s_inspection(seed_index):
    # 'did X get outstanding?' checks a grade; 'the latest on X' asks about its latest
    # inspection; a report type named says which report, not what about.
    checked = seed_index.ask("Did Kingston get outstanding?")
    assert checked.shape == "grades" and [f.report_id for f in checked.facts] == ["kingston-upon-thames-2024"]
    latest = seed_index.ask("What's the latest on Kingston?")
    assert latest.shape == "grades" and "latest" in latest.understood and not latest.weak
    visit = seed_index.ask("What did the focused visit to Kingston in 2019 find?")
    assert visit.shape == "grades" and "gives no grades" in visit.understood and not visit.weak
    assert visit.results[0].citation.id.startswith("kingston-upon-thames-2019-03-19-focused-visit")


def test_a_council_s_name_ends_at_its_possessive():
    from askofsted.asking.understanding import understand

    assert understand("How has Leeds' front door changed?").text == "How has front door?"
    assert understand("What about Kingston’s care leavers?").text == "What about care leavers?"


def test_how_is_a_service_doing_keeps_the_service_as_its_topic():
    from askofsted.asking.understanding import understand

    understood = understand("How are care leavers in Kingston doing?")
    assert understood.shape == "grades" and understood.topical
    assert understood.judgement_areas == ("care_leavers",) and "care leavers" in understood.text


def test_a_change_question_naming_one_year_starts_there():
    from askofsted.asking.understanding import understand

    # One inspection shows no change: the year named is where the change starts.
    understood = understand("Kingston was only adequate in 2012. Is it better now?")
    assert understood.shape == "timeline"
    assert understood.filters.since == 2012 and understood.filters.years == ()
    # A range stays a range.
    ranged = understand("How did Kingston's care leaver services change between 2012 and 2024?").filters
    assert (ranged.since, ranged.until, ranged.years) == (2012, 2024, ())


def test_the_framework_s_definitions_of_the_grades_never_answer(shared_pdf, tmp_path):
    # Reports of 2013-2017 end with 'What the inspection judgements mean': the framework's
    # definition of each grade ('An LSCB that is inadequate does not demonstrate ...'),
    # the same in every report. They are standard text, found by repetition across
    # authorities, though they name grades; a report's own grade statement is not.
    import re

    from askofsted.index import build_index, store

    reports = [shared_pdf("80486_barking and dagenham", "07 july 2014"), shared_pdf("80432_bolton", "21 march 2014"),
               shared_pdf("80558_southampton", "15 september 2014")]
    index, _ = build_index(reports, tmp_path / "index")
    defining = re.compile(r"^(?:In\s+)?an?\s+(?:\w+\s+)?(?:local authority|LSCB)\b", re.IGNORECASE)
    rows = [(pid, text) for pid, text in index.connection.execute(
        "SELECT id, text FROM paragraphs WHERE headings LIKE '%What the inspection judgements mean%'") if defining.match(text)]
    assert len(rows) >= 12  # four grades, for the authority and its LSCB, in each report
    assert store.boilerplate(index.connection, [pid for pid, _ in rows]) == {pid for pid, _ in rows}
    answer = index.ask("What does an inadequate LSCB fail to do?", k=10)
    assert answer.results and not any(defining.match(r.text) for r in answer.results)
    own = [pid for (pid,) in index.connection.execute("SELECT id FROM paragraphs WHERE text LIKE 'The LSCB is%' "
                                                      "OR text LIKE 'The overall judgement is%'")]
    assert own and not store.boilerplate(index.connection, own)


def test_a_fact_in_standard_words_answers_a_question_naming_it(shared_pdf, tmp_path):
    # 'The local authority uses the Signs of Safety model of social work.' is in three councils'
    # reports word for word, so it reads as standard text; it is the fact a question about the
    # model asks for, and each council's own statement of it answers.
    from askofsted.index import build_index, store

    reports = [shared_pdf("80476_kent", "13 june 2017"), shared_pdf("80436_bracknell forest", "14 july 2017"),
               shared_pdf("80521_manchester", "21 december 2017")]
    index, _ = build_index(reports, tmp_path / "index")
    stating = [pid for (pid,) in index.connection.execute(
        "SELECT id FROM paragraphs WHERE text LIKE 'The local authority uses the Signs of Safety model%'")]
    assert len(stating) == 3 and store.standard_text(index.connection, stating) == set(stating)
    answer = index.ask("Does Kent use Signs of Safety?")
    assert answer.results[0].text.startswith("The local authority uses the Signs of Safety model") and not answer.weak
    roster = index.ask("Which councils use Signs of Safety?")
    assert {r.citation.authority for r in roster.results[:3]} == {"Kent", "Bracknell Forest", "Manchester"}
    assert "first" not in roster.understood
    # A list cut short by k says how many authorities' reports name it.
    assert "the reports of 3 authorities name Signs of Safety, the first 2 shown" in index.ask(
        "Which councils use Signs of Safety?", k=2).understood
    # A name is matched as written: 'Achieving for Children' is not 'achievement for children'.
    assert index.ask("Which councils are run by Achieving for Children?").weak


def test_how_good_councils_work_is_practice_among_them_not_a_roster(seed_index):
    answer = seed_index.ask("How do outstanding councils support care leavers?")
    assert answer.shape == "passages" and "judged outstanding" in answer.understood
    assert answer.results and {r.citation.id.split("#")[0] for r in answer.results} == {"kingston-upon-thames-2024"}
    assert seed_index.ask("Which councils are outstanding?").shape == "roster"


def test_two_councils_set_against_each_other_get_both_inspections(seed_index):
    # 'better than' compares the councils; it is not a change nor a topic. Kensington and
    # Chelsea's only report here is a visit: it is shown, ungraded, beside Kingston's grades.
    answer = seed_index.ask("Is Kingston better than Kensington and Chelsea?")
    assert answer.shape == "grades" and "the one before" not in answer.understood
    assert {f.report_id for f in answer.facts} == {"kingston-upon-thames-2024",
                                                  "kensington-and-chelsea-2022-06-15-focused-visit"}
    assert {r.citation.authority for r in answer.results} == {"Kingston upon Thames", "Kensington and Chelsea"}


def test_two_councils_compared_on_a_topic_are_shown_side_by_side(seed_index):
    # Each council named gets its share of the answer, in the order named, under its own name.
    answer = seed_index.ask("compare Kensington and Chelsea and Kingston on exploitation", k=4)
    assert answer.shape == "passages" and "side by side" in answer.understood
    assert [g.label for g in answer.groups] == ["Kensington and Chelsea", "Kingston upon Thames"]
    assert [len(g.positions) for g in answer.groups] == [2, 2]
    for group in answer.groups:
        assert {answer.results[i].citation.authority for i in group.positions} == {group.label}
    assert seed_index.ask("compare Kingston and Kensington and Chelsea").shape == "grades"  # no topic: the grades


def test_asking_for_criticism_or_praise_gets_what_inspectors_found_fault_with_or_praised(seed_index):
    from askofsted.domain.stance import speaks

    topic = "child protection work in Kingston in 2012"
    critical = seed_index.ask(f"What were the main criticisms of {topic}?", k=5)
    praise = seed_index.ask(f"What did inspectors praise about {topic}?", k=5)
    assert "find fault" in critical.understood and "praise" in praise.understood
    assert all(speaks("critical", r.text) for r in critical.results[:3])
    assert all(speaks("praise", r.text) and not r.text.lower().startswith(("review", "ensure"))
               for r in praise.results[:3])  # praise, not a recommendation
    assert critical.results[0].text != praise.results[0].text


def test_praise_asked_of_a_council_with_no_topic_is_its_praise_not_a_weak_answer(seed_index):
    answer = seed_index.ask("what did they praise in Kensington and Chelsea?", k=5)
    assert answer.shape == "passages" and not answer.weak
    assert all(r.citation.authority == "Kensington and Chelsea" for r in answer.results)


def test_a_change_over_a_range_with_too_few_inspections_compares_those_either_side(seed_index):
    # Kingston's full inspections: 2012 and 2024 (2019 was a focused visit).
    since = seed_index.ask("Has Kingston improved since 2015?", k=4)
    assert since.shape == "timeline"
    assert [g.label[-4:] for g in since.groups if not g.lead] == ["2012", "2024"]
    assert "the inspection before 2015" in since.understood  # it says where the change starts
    between = seed_index.ask("Did Kingston get better between 2014 and 2018?", k=4)
    assert [g.label[-4:] for g in between.groups if not g.lead] == ["2012", "2024"]
    assert "the inspection after 2018" in between.understood
    # A range that starts with an inspection needs nothing from before it.
    assert "before" not in seed_index.ask("Has Kingston improved since 2012?", k=4).understood


def test_a_council_s_history_is_every_inspection_oldest_first(seed_index):
    # Kingston's full inspections here: 2012 and 2024; it also had a visit in 2019.
    for question in ("What grades has Kingston had over the years?", "how many times has Kingston been judged inadequate?",
                     "Kingston's Ofsted history"):
        answer = seed_index.ask(question, k=5)
        assert answer.shape == "grades", question
        assert [f.inspection_start.year for f in answer.facts] == [2012, 2024], question
    # 'How many times': the count, from the facts; 2012 graded safeguarding overall as inadequate.
    counted = seed_index.ask("how many times has Kingston been judged inadequate?", k=5)
    assert "judged inadequate for overall effectiveness at 1 of them" in counted.understood
    when = seed_index.ask("when was Kingston inspected?", k=5)
    assert 2019 in [f.inspection_start.year for f in when.facts]  # 'when' counts the visit too
    assert [f.inspection_start.year for f in seed_index.ask("when was Kingston last inspected?", k=5).facts] == [2024]


@pytest.fixture(scope="module")
def sif_index(shared_pdf, tmp_path_factory):
    """Two reports of the single inspection framework (2016), with its summary for children
    and its 'Information about this local authority area'."""
    from askofsted.index import build_index

    reports = [shared_pdf("80540_reading", "05 august 2016"), shared_pdf("80495_greenwich", "05 august 2016")]
    index, _ = build_index(reports, tmp_path_factory.mktemp("sif") / "index")
    return index


def test_a_report_s_summary_for_children_restates_its_findings_and_answers_only_when_asked(sif_index):
    # Reports of 2014-2017 restate their findings for children in plain words ('Care leavers
    # need to be helped more to find jobs'), which come close to any plain question: the
    # finding itself answers first, unless the summary for children is what is asked for.
    index = sif_index
    for question in ("How are care leavers helped to find jobs?", "are children adopted quickly?"):
        headings = [" ".join(r.citation.headings) for r in index.ask(question, k=3).results]
        assert headings and not any("Summary for children" in h for h in headings), question
    asked = index.ask("what did the summary for children say about adoption in Reading?", k=3)
    assert "Summary for children" in " ".join(asked.results[0].citation.headings)


def test_what_councils_of_a_grade_do_is_their_practice_not_their_grades():
    from askofsted.asking.understanding import understand

    for question in ("how are outstanding councils keeping caseloads down?",
                     "what do inadequate councils get wrong about the front door?"):
        understood = understand(question)
        assert understood.shape == "passages" and understood.filters.grade, question
        assert not understood.about_judgements, question  # grade statements are not the answer
    assert understand("what do inadequate councils get wrong about the front door?").stance == "critical"


def test_how_many_children_is_answered_from_the_report_s_facts_about_the_area(sif_index):
    # 'Information about this local authority area': how many children live there, are in
    # care, are on plans; who leads the service and since when.
    answer = sif_index.ask("How many children are in care in Reading?", k=3)
    assert not answer.weak
    assert any("Information about this local authority" in " ".join(r.citation.headings) for r in answer.results[:2])
    assert any(re.search(r"\b\d[\d,]* children\b", r.text) for r in answer.results[:2])


def test_how_inspectors_judge_something_of_no_council_is_practice_not_a_grade():
    from askofsted.asking.understanding import understand

    general = understand("how do inspectors judge the quality of management oversight?")
    assert general.shape == "passages" and not general.about_judgements
    assert understand("how did Ofsted judge Kingston in 2012?").shape == "grades"  # of a council, a grade


def test_how_good_a_part_of_the_services_is_is_what_inspectors_found_of_it():
    from askofsted.asking.understanding import understand

    # A part of the services that is no judgement of its own: what inspectors found of it.
    for question in ("Is Solihull's early help any good?", "how good is the virtual school in Essex?",
                     "did Ofsted think Bedford's child protection plans were any good in 2020?",
                     "Is Croydon's front door inadequate?", "is their adoption support in Kent good?",
                     "how did Hull's care leavers get on with finding housing?", "how is the virtual school doing in Bury?"):
        understood = understand(question)
        assert understood.shape == "passages" and not understood.about_judgements, question
        assert "good" not in understood.text, question
    # The services as a whole, or a judgement: the grades.
    for question in ("is Kingston any good?", "Is Bedford's children's social care any good these days?",
                     "how good is Kent for care leavers?",
                     "We're foster carers moving to Leeds. Is their children's services any good?",
                     "Is Slough any good? Thinking of applying for a job there.", "was Slough rated inadequate?",
                     "Was Knowsley's leadership judged inadequate?", "did Kent get good for help and protection?",
                     "Is Croydon still failing?",  # 'still' asks about change, it names no part
                     "how did Swindon's inspection go?", "how was Bury's last Ofsted?", "how did Camden fare in 2019?",
                     "how are care leavers in Sefton doing?"):
        assert understand(question).shape == "grades", question


def test_the_grade_a_change_started_from_is_not_a_topic(seed_index):
    for question in ("What's changed in Kingston since it was inadequate?", "is Kingston still as good as it was in 2012?"):
        answer = seed_index.ask(question, k=4)
        assert answer.shape == "timeline" and not answer.weak, question


def test_a_thing_the_chosen_reports_never_mention_makes_a_weak_answer_that_says_so(seed_index):
    # Only Kingston's 2012 report mentions young carers; none mentions Mockingbird.
    absent = seed_index.ask("What support do young carers get in Kensington and Chelsea?", k=3)
    assert absent.weak and "never mention young carers" in absent.note
    assert seed_index.ask("Does Kingston use Mockingbird for its foster carers?", k=3).weak
    present = seed_index.ask("What support do young carers get in Kingston?", k=3)
    assert not present.weak and present.note is None
    # One word of a thing's name is not the thing: 'residential schools' are not children's homes.
    assert not seed_index.ask("Do children in care in Kingston go to residential schools?", k=3).weak


def test_more_ways_of_naming_an_inspection(seed_index):
    # Kingston's reports: a 2010 unannounced inspection, full inspections in 2012 and 2024, a 2019 visit.
    before_last = seed_index.ask("What did the inspection before last say about Kingston?", k=3)
    assert [f.inspection_start.year for f in before_last.facts] == [2012]
    first = seed_index.ask("what was Kingston's first inspection like?", k=3)  # its 2010 unannounced inspection
    assert first.shape == "grades" and first.results[0].citation.id.startswith("kingston-upon-thames-2010")
    # A change 'after the focused visit' starts at the visit and compares every kind of inspection.
    after_visit = seed_index.ask("Did Kingston get better after the 2019 focused visit?", k=4)
    assert after_visit.shape == "timeline" and len(after_visit.groups) >= 2
    assert "every kind of inspection" in after_visit.understood


def test_a_council_and_a_grade_word_ask_for_its_grades():
    from askofsted.asking.understanding import understand

    for question in ("Kingston outstanding", "kingston failing?", "Kingston inadequate 2012"):
        assert understand(question).shape == "grades", question
    assert understand("Kingston good practice with care leavers").shape == "passages"


def test_a_practice_named_in_the_words_of_the_services_is_a_topic():
    from askofsted.asking.understanding import understand

    # 'children in care council' is a body of the council's children in care, not its services.
    assert understand("Kingston children in care council").shape == "passages"
    assert understand("Kingston children in care").shape == "grades"  # a judgement: its grade and findings
    # 'council', 'local authority' are no topic for BM25; in the reports' terms they are part of a name.
    assert understand("Kingston children in care council").names == ("children in care council",)
    assert understand("what does the local authority designated officer do in Kingston?").names == (
        "local authority designated officer",)
    assert understand("what did the council do about children in care?").names == ()


def test_everyday_ways_of_asking_about_a_council_as_a_whole(seed_index):
    for question in ("tell me about Kingston's children's services", "Is Kingston doing ok?",
                     "what's Ofsted's view of Kingston now", "what does Ofsted think of Kingston?"):
        answer = seed_index.ask(question, k=3)
        assert answer.shape == "grades" and not answer.weak, question
    since = seed_index.ask("Has Kingston been inspected since 2015?", k=3)
    assert [f.inspection_start.year for f in since.facts] == [2019, 2024]  # the visit too: 'when' it was inspected


def test_the_best_service_of_a_kind_is_a_roster_from_that_judgement_s_grades():
    from askofsted.asking.understanding import understand

    understood = understand("Which authority has the best care leavers service?")
    assert understood.shape == "roster" and understood.extreme == "best"
    assert understood.judgement_areas == ("care_leavers",)


@pytest.mark.parametrize("question", ["Kingston ofsted results", "what was the outcome of the inspection in Kingston in 2024?"])
def test_results_of_an_inspection_are_its_grades(seed_index, question):
    answer = seed_index.ask(question, k=3)
    assert answer.shape == "grades" and answer.facts, answer.understood
    assert answer.facts[0].report_id == "kingston-upon-thames-2024"


def test_praise_asked_with_no_topic_shows_only_praise(seed_index):
    # 'What did inspectors praise in Kingston?' names nothing but the stance: every paragraph
    # shown praises (none that only criticises, however close its words come).
    from askofsted.domain.stance import speaks
    answer = seed_index.ask("What did inspectors praise in Kingston?", k=5)
    assert answer.results and all(speaks("praise", r.text) for r in answer.results)
    answer = seed_index.ask("What did Ofsted criticise about Kingston?", k=5)
    assert answer.results and all(speaks("critical", r.text) or "improve" in " ".join(r.citation.headings).lower()
                                  for r in answer.results)


def test_good_at_something_is_a_topic_not_a_grade():
    from askofsted.asking.understanding import understand

    understood = understand("Which councils are good at working with children at risk of exploitation?")
    assert understood.shape == "roster" and understood.filters.grade is None
    # 'at their last inspection' is when, not what at.
    assert understand("Which councils were good at their last inspection?").filters.grade == "good"
    assert understand("how many councils are rated outstanding at the moment?").filters.grade == "outstanding"
    assert understand("Which councils were judged good at the 2023 inspection?").filters.grade == "good"


def test_the_worst_inspection_of_a_year_is_a_roster_of_the_worst_grade():
    from askofsted.asking.understanding import understand

    understood = understand("Which council had the worst inspection in 2022?")
    assert understood.shape == "roster" and understood.extreme == "worst" and understood.filters.years == (2022,)


def test_who_led_an_inspection_is_answered_by_its_facts(seed_index):
    answer = seed_index.ask("who led the inspection of Kingston in 2024?", k=1)
    assert answer.shape == "grades" and answer.facts[0].lead_inspector
    from askofsted.present import answer_text
    assert f"lead inspector {answer.facts[0].lead_inspector}" in answer_text(answer)


def test_a_heading_read_as_a_paragraph_never_answers(shared_pdf, tmp_path):
    # Trafford 2015's summary lists its findings under one-line headings ('Leadership,
    # management and governance'), which the reader keeps as paragraphs of their own; a
    # heading says nothing, so it is never an answer, though its words match the question's.
    from askofsted.index import build_index, open_index
    from askofsted.index import store

    pdf = shared_pdf("80573_trafford", "12 may 2015")
    build_index([pdf], tmp_path / "index")
    index = open_index(tmp_path / "index")
    rows = store.paragraph_rows(index.connection, report_rows=[r.id for r in index.reports()])
    headings = [pid for pid, _, _, text in rows if text.strip() == "Leadership, management and governance"]
    assert headings and store.boilerplate(index.connection, headings) == set(headings)
    said = [pid for pid, _, _, text in rows if text.startswith("Deputy lead inspector:")]
    assert not store.boilerplate(index.connection, said)
    answer = index.ask("What did inspectors say about leadership, management and governance in Trafford?", k=10)
    assert answer.results and all(r.text.strip() != "Leadership, management and governance" for r in answer.results)


def test_a_topic_the_chosen_reports_never_mention_is_weak(seed_index):
    answer = seed_index.ask("What did inspectors say about the weather in Kingston?", k=3)
    assert answer.weak and "weather" in answer.note
    # A word the reports use is no such topic, nor a part of a report they name otherwise.
    assert not seed_index.ask("What did inspectors say about children who go missing in Kingston?", k=3).weak
    assert not seed_index.ask("What were the recommendations for Kingston in 2024?", k=3).weak


@pytest.mark.parametrize("question", [
    "Which councils have the highest council tax?",
    "When is Kingston's next inspection?",
    "Did Ofsted inspect Wales' children's services?",
    "What's the phone number for Kingston children's services?",
])
def test_what_these_reports_do_not_cover_is_weak_and_says_so(seed_index, question):
    answer = seed_index.ask(question, k=3)
    assert answer.weak and "do not cover" in answer.note, (answer.understood, answer.note)
    assert "from the grades" not in answer.understood


def test_a_grade_asked_about_in_the_past_means_the_inspection_that_gave_it(seed_index):
    # Kingston is outstanding now; its 2012 inspection judged safeguarding inadequate.
    answer = seed_index.ask("Why was Kingston's safeguarding rated inadequate?", k=2)
    assert answer.shape == "grades" and "that judged it inadequate" in answer.understood
    assert [f.report_id for f in answer.facts] == ["kingston-upon-thames-2012"]
    # 'Is it ...?' asks about now: the latest inspection, whatever it gave.
    answer = seed_index.ask("Is Kingston inadequate?", k=2)
    assert [f.report_id for f in answer.facts] == ["kingston-upon-thames-2024"]


def test_a_year_with_no_inspection_among_several_takes_the_nearest(seed_index):
    # Kingston was inspected in 2012 and 2024, not 2013: 'its 2013 and 2024 inspections' means those.
    answer = seed_index.ask("Compare Kingston's 2013 and 2024 inspections", k=4)
    assert answer.shape == "timeline" and "nothing in 2013; the nearest" in answer.understood
    assert [g.report_id for g in answer.groups if not g.lead] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]


def test_did_any_council_is_a_roster_and_since_their_last_inspection_is_each_one_s_latest_step():
    from askofsted.asking.understanding import understand

    understood = understand("Did any council go from good to inadequate?")
    assert understood.shape == "roster" and understood.movement.before == "good"
    understood = understand("Which councils have improved since their last inspection?")
    assert understood.shape == "roster" and understood.filters.latest and understood.movement.direction == "up"


def test_a_judgement_the_inspection_never_graded_is_answered_by_what_inspectors_found(seed_index):
    # The 2012 framework graded no adoption service of its own: the grades cannot answer, the
    # paragraphs on adoption can.
    answer = seed_index.ask("Was Kingston's adoption service any good in 2012?", k=3)
    assert answer.shape == "passages" and "no grade for adoption" in answer.understood
    assert all("adopt" in r.text.lower() for r in answer.results)
    # A judgement the inspection did grade still gets the grades.
    answer = seed_index.ask("How good is Kingston for care leavers?", k=3)
    assert answer.shape == "grades" and answer.facts[0].report_id == "kingston-upon-thames-2024"


@pytest.mark.parametrize("question, shape", [
    # How something no judgement grades was 'rated' is what inspectors found of it.
    ("how did they rate Kingston's response to domestic abuse in 2012?", "passages"),
    ("how was Kingston's front door rated in 2024?", "passages"),
    # A judgement, or the services as a whole, is rated: the grades.
    ("What grade did Kingston get for care leavers in 2024?", "grades"),
    ("What was Kingston rated in 2012?", "grades"),
])
def test_a_rating_asked_of_what_no_judgement_grades_is_answered_by_findings(question, shape):
    from askofsted.asking.understanding import understand

    assert understand(question).shape == shape


@pytest.mark.parametrize("question, shape, topical", [
    # Grades stated before a clause that asks about change say where it starts and ends.
    ("Kingston was inadequate in 2012 but outstanding in 2024. What changed for children in care?", "timeline", True),
    ("kingston was inadequate in 2012 and outstanding in 2024 - what actually improved in those years?",
     "timeline", False),
    # The words that frame a change are no topic: each inspection's summary answers.
    ("How did practice change in Kingston between the two inspections?", "timeline", False),
    ("What did the 2024 inspectors see in Kingston that was better than in 2012?", "timeline", False),
    # A grade named as what changed, or asked in the last clause, is still a grades question.
    ("Kingston's ofsted grade - has it changed since 2012?", "grades", False),
    # A last clause asking for what went wrong or right asks about the change too.
    ("Kingston was good in 2012 but inadequate in 2024. What went wrong?", "timeline", False),
    ("havering was good in 2018 and inadequate in 2023. what happened in between according to the reports?",
     "timeline", False),
])
def test_a_change_framed_by_grades_and_years_is_a_timeline_of_the_services(question, shape, topical):
    from askofsted.asking.understanding import understand

    understood = understand(question)
    assert (understood.shape, understood.topical) == (shape, topical), understood.text


@pytest.mark.parametrize("question", [
    "Kingston then and now",
    "Did Kingston fix the problems found in 2012?",
    "How has Kingston's work with care leavers developed?",
])
def test_change_in_other_words_is_a_timeline(seed_index, question):
    answer = seed_index.ask(question, k=4)
    assert answer.shape == "timeline", answer.understood
    assert len(answer.groups) >= 2


@pytest.mark.parametrize("question", [
    "what mark did Kingston get from Ofsted?", "Did Kingston pass its inspection?",
    "Did Kingston fail its Ofsted?", "Is Kingston in special measures?",
])
def test_a_pass_a_fail_a_mark_and_special_measures_ask_for_grades(seed_index, question):
    answer = seed_index.ask(question, k=2)
    assert answer.shape == "grades" and answer.facts[0].report_id == "kingston-upon-thames-2024"


def test_councils_in_special_measures_are_those_judged_inadequate():
    from askofsted.asking.understanding import understand

    for question in ("which councils are in special measures?", "which councils are still inadequate?"):
        understood = understand(question)
        assert understood.shape == "roster" and understood.filters.grade == "inadequate", question


def test_a_change_since_the_latest_inspection_says_there_is_nothing_later(seed_index):
    answer = seed_index.ask("What has improved in Kingston since the 2024 inspection?", k=3)
    assert answer.shape == "timeline" and "no later inspection here to compare with" in answer.understood
    assert [g.report_id for g in answer.groups if not g.lead] == ["kingston-upon-thames-2024"]


def test_what_inspectors_said_about_a_topic_among_councils_of_a_grade_is_practice_not_a_roster():
    from askofsted.asking.understanding import understand

    understood = understand("What did Ofsted say about outstanding councils' care leavers services?")
    assert understood.shape == "passages" and understood.filters.grade == "outstanding"
    assert understand("what did inspectors say about which councils were inadequate in 2019?").shape == "roster"


def test_an_answer_from_no_reports_is_weak(seed_index):
    answer = seed_index.ask("What did the 2016 inspection of Kingston say about care leavers?", k=3)
    assert not answer.results and answer.weak and answer.note.startswith("No reports match")


def test_a_county_that_is_no_council_means_the_councils_that_make_it_up():
    from askofsted.asking.understanding import understand
    from askofsted.domain.authorities import counties, in_area

    assert understand("How do Greater Manchester councils support care leavers?").filters.regions == ("Greater Manchester",)
    assert understand("which councils in West Yorkshire are outstanding?").filters.regions == ("West Yorkshire",)
    assert in_area("Bolton", ("Greater Manchester",)) and not in_area("Leeds", ("Greater Manchester",))
    assert in_area("Leeds", ("Yorkshire and the Humber",))
    # A council named beside a county: both are meant.
    understood = understand("Surrey and Sussex: how do their front doors compare?")
    assert set(understood.filters.authorities) == {"Surrey", "East Sussex", "West Sussex", "Brighton and Hove"}
    # A council whose name holds a county's is that council.
    understood = understand("what did Ofsted say about Redcar and Cleveland's front door?")
    assert understood.filters.authorities == ("Redcar and Cleveland",) and not understood.filters.regions
    from askofsted.domain.authorities import canonical_authority
    assert all(canonical_authority(a) == a for members in counties().values() for a in members)


def test_a_county_chooses_its_councils_reports(seed_index):
    answer = seed_index.ask("How do councils in Berkshire support care leavers?", k=3)
    assert not answer.results and answer.weak  # the seed reports hold no Berkshire council
    answer = seed_index.ask("How do councils in Greater London support care leavers?", k=3)
    assert answer.results


@pytest.mark.parametrize("question", ["Is Kingston good for kids?", "Was Kingston good for children in care in 2024?",
                                      "Was Kingston's leadership good in 2024?"])
def test_good_for_children_or_a_judgement_asks_for_grades(seed_index, question):
    answer = seed_index.ask(question, k=2)
    assert answer.shape == "grades" and answer.facts[0].report_id == "kingston-upon-thames-2024"


def test_what_a_council_got_at_an_inspection_is_its_grades(seed_index):
    answer = seed_index.ask("What did Kingston get in 2024?", k=2)
    assert answer.shape == "grades" and answer.facts[0].report_id == "kingston-upon-thames-2024"
    assert seed_index.ask("What did care leavers in Kingston get in their local offer?", k=2).shape == "passages"


def test_everyday_words_the_reports_never_use_are_ranked_by_the_reports_own(seed_index):
    """'Front door' is not a word of Kingston's 2012 report, which says 'contacts and referrals':
    its paragraphs in the reports' terms get a vote. Where the reports use the everyday words
    ('front door', Kingston's 2019 visit), or the concept is a whole judgement ('kids in care'),
    nothing is added."""
    from askofsted.asking.ranking import concept_ranking, unused_words
    from askofsted.asking.understanding import understand
    from askofsted.asking.selection import select_reports
    from askofsted.index import store

    def unused(question):
        understanding = understand(question)
        selection = select_reports(seed_index.reports(), understanding.filters)
        return selection, unused_words(seed_index.connection, understanding.text, selection)

    selection, concepts = unused("What did inspectors make of the front door in Kingston in 2012?")
    assert [c.report_terms[0] for c in concepts] == ["multi-agency safeguarding hub"]
    ranked = concept_ranking(seed_index.connection, selection, [], concepts)
    texts = store.paragraphs_by_ids(seed_index.connection, ranked)
    assert ranked and all("contacts and referrals" in texts[pid].paragraph.text.lower() for pid in ranked)
    assert unused("What did inspectors make of Kingston's front door in March 2019?")[1] == []
    assert unused("Are kids in care in Kingston safe, 2024?")[1] == []
    assert unused("what do inspectors say about the front door?")[1] == []  # every report: someone uses it


def test_how_a_part_is_doing_asks_about_now_and_how_it_got_on_asks_about_every_inspection(seed_index):
    from askofsted.asking.understanding import understand

    now = seed_index.ask("how is the virtual school doing in Kingston?", k=3)
    assert now.shape == "passages" and "latest inspection" in now.understood
    assert all(r.citation.id.startswith("kingston-upon-thames-2024") for r in now.results)
    assert "virtual school" in now.results[0].text.lower()
    then = understand("how did Kingston's care leavers get on with housing?")
    assert then.shape == "passages" and not then.filters.latest


def test_what_a_change_question_names_in_passing_is_its_topic():
    from askofsted.asking.understanding import understand

    # 'did <it> change / improve': the change is the shape, what changed is the topic.
    for question, topic in (("How did Wokingham's leadership change between inspections?", "leadership"),
                            ("Did Leeds' front door improve after 2019?", "front door"),
                            ("did care leavers services in Hull improve after 2018?", "care leavers")):
        understood = understand(question)
        assert understood.shape == "timeline" and understood.topical and topic in understood.text, question
    coventry = understand("how did Coventry change between 2014 and 2017?")
    assert coventry.shape == "timeline" and (coventry.filters.since, coventry.filters.until) == (2014, 2017)
    assert not coventry.topical


def test_the_worst_rated_council_is_a_roster():
    from askofsted.asking.understanding import understand

    for question, extreme in (("what's the worst rated council in London?", "worst"),
                              ("which is the best performing authority in the North West", "best")):
        understood = understand(question)
        assert understood.shape == "roster" and understood.extreme == extreme, question


def test_ever_given_a_grade_is_every_inspection_and_how_many_gave_it(seed_index):
    answer = seed_index.ask("has Kingston ever been outstanding?", k=3)
    assert answer.shape == "grades" and "every inspection" in answer.understood
    assert "judged outstanding for overall effectiveness at 1 of them" in answer.understood
    assert seed_index.ask("has Kingston turned things around?", k=3).shape == "timeline"


def test_a_grade_word_before_a_judgement_s_name_is_a_grade_only_in_a_roster():
    from askofsted.asking.understanding import understand

    leaders = understand("councils with outstanding leadership")
    assert leaders.shape == "roster"
    assert (leaders.filters.grade, leaders.filters.grade_area) == ("outstanding", "impact_of_leaders")
    # In practice among councils, 'good leadership' is what is asked about; 'outstanding council' the councils.
    practice = understand("what does good leadership look like in an outstanding council?")
    assert practice.filters.grade == "outstanding" and "leadership" in practice.text
    # A change of grade names the grades itself ('dropped from outstanding overall to ...').
    dropped = understand("Which councils dropped from outstanding overall to requires improvement?")
    assert dropped.filters.grade is None and dropped.movement.before == "outstanding"



def test_getting_better_or_worse_is_a_change(seed_index):
    answer = seed_index.ask("Is Kingston getting better or worse?", k=4)
    assert answer.shape == "timeline" and not answer.weak


def test_or_better_widens_a_roster_s_grade():
    from askofsted.asking.understanding import understand

    better = understand("Which councils in the north east are good or better?")
    assert (better.shape, better.filters.grade, better.grade_or) == ("roster", "good", "better")
    worse = understand("councils rated requires improvement or worse")
    assert (worse.shape, worse.filters.grade, worse.grade_or) == ("roster", "requires improvement", "worse")
    assert understand("which councils got better or worse?").grade_or is None  # a change, not a grade


def test_a_question_outside_the_reports_is_not_answered_with_grades(seed_index):
    # The council's grades would look like the answer to a school's rating; the nearest
    # paragraphs, flagged weak, do not.
    answer = seed_index.ask("Which primary school in Kingston has the best Ofsted rating?", k=3)
    assert answer.weak and answer.shape == "passages" and not answer.facts
    assert seed_index.ask("What will Ofsted rate Kingston at its next inspection?", k=3).weak
    assert seed_index.ask("How much does Kingston spend per child in care?", k=3).weak


def test_which_councils_were_inspected_lists_every_inspection_from_the_facts(seed_index):
    answer = seed_index.ask("Which councils had a focused visit?", k=3)
    assert answer.shape == "roster" and "a roster of the inspections" in answer.understood
    assert [g.label.split(" · ")[0] for g in answer.groups] == ["Kingston upon Thames", "Kensington and Chelsea"]
    assert len(answer.results) == 2  # every one, whatever k says, each with its own paragraph
    when = seed_index.ask("which councils were inspected in 2024?", k=3)
    assert [r.citation.id.rsplit("#")[0] for r in when.results] == ["kingston-upon-thames-2024"]


def test_one_council_and_no_time_puts_its_latest_inspection_first(seed_index):
    # Caseloads are in the 2019 visit's findings and the 2024 inspection's: as things are now first.
    answer = ask_json(seed_index, "are Kingston's social workers' caseloads manageable?")
    assert [r["citation"]["id"] for r in answer["results"][:2]] == [
        "kingston-upon-thames-2024#53", "kingston-upon-thames-2024#25"]
    # A year named is that inspection's, whatever the latest says.
    answer = ask_json(seed_index, "what did Ofsted say about Kingston's caseloads in 2019?")
    assert all(r["citation"]["id"].startswith("kingston-upon-thames-2019") for r in answer["results"][:3])
