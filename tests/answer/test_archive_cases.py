"""Fact answers over the tuning archive's notes, letter and minutes (shaped unlike the samples).

A goal question gets the goal, a result question the result, a question asking both gets both; a question
asking two things gets a sentence for each; a date or a name is one sentence; a letter says who asked and
who signed; minutes say when the meeting was held, when the next one is, and which party moved what.
"""
from __future__ import annotations

import pytest

from budgetarkiv.answer.figures import unsupported_numbers


def _cited(answer) -> None:
    assert answer.answered, answer.answer
    assert not unsupported_numbers(answer.answer, [*answer.evidence, *(h.text for h in answer.sources)]), answer.answer


def test_a_goal_question_quotes_the_goal_not_the_description(archive_answerer):
    answer = archive_answerer.ask("Hvad er målsætningen for lektiecaféerne på skolerne i udsatte byområder?")
    _cited(answer)
    assert "60 pct." in answer.answer


def test_a_question_asking_goal_and_result_gets_both(archive_answerer):
    answer = archive_answerer.ask("Nåede Sprogløft sit mål om alderssvarende sprog? Hvad var målet, og hvad blev resultatet?")
    _cited(answer)
    assert "75 pct." in answer.answer and "68 pct." in answer.answer


def test_meeting_a_target_is_answered_with_the_target_and_what_was_reached(archive_answerer):
    answer = archive_answerer.ask("Did the Housing First team for young people meet its target for keeping the flat?")
    _cited(answer)
    assert "80 pct." in answer.answer and "87 pct." in answer.answer


def test_each_thing_asked_gets_its_sentence_and_the_goal_is_not_given_as_the_result(archive_answerer):
    answer = archive_answerer.ask("What share of the children in the language programme ended up with age-appropriate "
                                  "language, and how did daycares without a language educator do?")
    _cited(answer)
    assert "68 pct." in answer.answer and "49 pct." in answer.answer
    assert "75 pct." not in answer.answer


def test_one_shared_title_word_does_not_move_the_focus_to_another_note(archive_answerer):
    """ "administration" is in another note's title; the question is about medication dispensers."""
    answer = archive_answerer.ask("How many medication dispensers does the health administration plan to buy?")
    _cited(answer)
    assert "420" in answer.answer
    assert {f.note_id for f in answer.facts} == {"SUF E3"}


def test_who_asked_comes_from_the_letters_greeting(archive_answerer):
    answer = archive_answerer.ask("Which council member asked about waiting times for special school places?")
    _cited(answer)
    assert "Sofie Brandt Kjærgaard" in answer.answer
    assert len(answer.facts) == 1 and answer.facts[0].text.startswith("Kære")


@pytest.mark.parametrize("question, date, not_date", [
    ("On what date did the administration reply to the council member about special school waiting times?",
     "14. marts 2023", "27. februar"),
    ("When did the council member write to the administration about special school waiting times?",
     "27. februar 2023", "14. marts"),
])
def test_the_replys_date_is_the_letters_own_and_the_inquirys_date_is_in_its_greeting(archive_answerer, question,
                                                                                      date, not_date):
    answer = archive_answerer.ask(question)
    _cited(answer)
    assert date in answer.answer and not_date not in answer.answer


def test_the_signatorys_title_comes_from_the_letters_closing(archive_answerer):
    answer = archive_answerer.ask("What is the job title of the person who signed the letter on special school "
                                  "waiting times?")
    _cited(answer)
    assert "Børne- og Ungdomsdirektør" in answer.answer


def test_the_meeting_date_is_the_minutes_own_not_the_next_meeting(archive_answerer):
    held = archive_answerer.ask("Hvornår holdt Sundheds- og Omsorgsudvalget møde om budgetnotaterne til Budget 2024?")
    _cited(held)
    assert "7. juni 2023" in held.answer and "21. juni" not in held.answer
    following = archive_answerer.ask("When was the health committee's next meeting after the one in early June 2023?")
    _cited(following)
    assert "21. juni 2023" in following.answer and "7. juni" not in following.answer


def test_a_party_is_found_in_the_minutes_when_the_budget_note_names_none(archive_answerer):
    answer = archive_answerer.ask("Hvilket parti foreslog at tage forslaget om digital medicinhåndtering ud af "
                                  "effektiviseringsstrategien?")
    _cited(answer)
    assert "Enhedslisten" in answer.answer


def test_of_two_figures_in_one_sentence_the_clause_the_question_names_is_quoted(archive_answerer):
    """ "4,6 mio. besøg på de 20 biblioteker, heraf ca. 1,1 mio. besøg i de meråbne timer": one sentence."""
    part = archive_answerer.ask("Hvor mange besøg var der i de meråbne timer på bibliotekerne i 2024?")
    _cited(part)
    assert "1,1 mio." in part.answer and "4,6" not in part.answer
    whole = archive_answerer.ask("Hvor mange besøg var der i alt på kommunens biblioteker i 2024?")
    _cited(whole)
    assert "4,6 mio." in whole.answer and "1,1" not in whole.answer


def test_a_part_of_a_count_is_quoted_for_the_place_asked(archive_answerer):
    """ "412 børn og unge ... i de to bydele, heraf 265 i Nordvest og 147 på Amager Øst": the place's part,
    read with the sentence's lead."""
    answer = archive_answerer.ask("Hvor mange børn stod på venteliste til et klubtilbud på Amager Øst?")
    _cited(answer)
    assert "147" in answer.answer and "265" not in answer.answer and "412" not in answer.answer, answer.answer


def test_a_list_of_proposals_names_the_budget_notes_though_minutes_speak_of_them_more(archive_answerer):
    """Minutes and an agreement mention "effektiviseringsforslag" more often than the proposals themselves."""
    answer = archive_answerer.ask("Hvilke effektiviseringsforslag findes der, og hvor meget sparer de varigt om året?")
    _cited(answer)
    listed = {p.note_id for p in answer.programmes}
    assert {"SUF E3", "SOF E05", "TMF E12"} <= listed
    assert "-4.800" in answer.answer and "-4.200" in answer.answer and "-2,5" in answer.answer


def test_a_list_asked_of_an_agreement_comes_from_the_agreement(archive_answerer):
    answer = archive_answerer.ask("Which health and elderly care initiatives does the Budget 2025 agreement fund, "
                                  "and with how much?")
    _cited(answer)
    assert "8,0" in answer.answer and "3,2" in answer.answer


def test_an_association_is_named_from_the_minutes(archive_answerer):
    answer = archive_answerer.ask("Hvilken forening søgte Sundhedspuljen om penge til motion for ældre i almene "
                                  "boligområder?")
    _cited(answer)
    assert "Aktiv Alderdom København" in answer.answer


def test_a_count_for_a_year_no_sentence_counts_is_refused(archive_answerer):
    other = archive_answerer.ask("Hvor mange hjemløse unge var der i København i 2015?")
    assert not other.answered
    assert "2015" in other.answer
    counted = archive_answerer.ask("Hvor mange hjemløse unge var der i København i 2019?")
    _cited(counted)
    assert "2019" in counted.facts[0].text


def test_a_decision_is_quoted_from_the_agenda_item_the_question_names(archive_answerer):
    answer = archive_answerer.ask("Hvad besluttede udvalget om ansøgningen fra Aktiv Alderdom København?")
    _cited(answer)
    assert len(answer.facts) == 1 and "600.000 kr." in answer.facts[0].text
    assert answer.facts[0].section.startswith("4.")  # the item's own decision, not its summary's 850.000 kr.
    other = archive_answerer.ask("What did the health committee decide about the dementia status?")
    _cited(other)
    assert other.facts[0].section.startswith("3.")


def test_when_the_questions_were_sent_comes_from_the_letters_opening(archive_answerer):
    answer = archive_answerer.ask("Hvornår sendte byrådsmedlemmet sin mail om ventetid på specialskoletilbud?")
    _cited(answer)
    assert "27. februar 2023" in answer.answer


def test_who_signed_a_letter_the_archive_lacks_is_not_answered_with_another_letters_signatory(archive_answerer):
    answer = archive_answerer.ask("Who signed the letter about the new swimming pool in Valby?")
    assert not answer.answered, answer.answer
    assert "Vestergaard" not in answer.answer


# archive4's respite care and Jobspor documents (`archive4_answerer`): one sentence states several
# figures of the programme, and only one answers


def test_a_share_asked_as_how_many_percent_is_answered_with_that_share(archive4_answerer):
    answer = archive4_answerer.ask("Hvor mange procent af deltagerne i Jobspor var kvinder i 2026?")
    assert answer.answered and "57 pct." in answer.answer and "43 pct." not in answer.answer


def test_one_share_asked_is_quoted_without_the_shares_of_other_groups(archive4_answerer):
    answer = archive4_answerer.ask(
        "Hvor stor en andel af de unge i Jobspor var i job eller uddannelse efter 12 måneder i 2026?")
    assert "43 pct." in answer.answer and "57 pct." not in answer.answer


def test_the_items_under_a_goals_heading_are_the_goals(archive4_answerer):
    answer = archive4_answerer.ask(
        "What does the respite proposal aim for regarding new placements of children outside the home?")
    assert "Højst 12 nye anbringelser" in answer.answer


def test_a_total_asked_is_the_sentence_stating_the_total(archive4_answerer):
    answer = archive4_answerer.ask(
        "Hvor mange aflastningspladser har kommunen i alt ifølge svaret til Lotte Birkholm Nour?")
    assert "24 pladser" in answer.answer and "81" not in answer.answer and "74" not in answer.answer


def test_a_programmes_first_year_is_the_first_year_of_its_earliest_note(archive4_answerer):
    """The continuation (Budget 2028) starts in 2028; Jobspor's first year is its original note's 2025."""
    answer = archive4_answerer.ask("How many young people start Jobspor in its first year?")
    assert "90" in answer.answer and "200" not in answer.answer
