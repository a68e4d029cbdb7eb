"""Attribution that depends on the words around the quotation: given names that show gender, shared
surnames, opening clauses, outlets that report, sources named by `according to`."""

from claims.extraction import extract
from tests.extraction.helpers import speaker_of


def test_she_passes_over_a_man_whose_given_name_shows_it():
    extraction = extract(
        "Harbour workers in Gdansk rejected the offer on Thursday.\n\n"
        "Marta Kowalczyk, who chairs the dockers' union, met the port director, Piotr Nowak, for two hours.\n\n"
        "Afterwards Nowak left without a word.\n\n"
        '"We will not sign anything this week," she said.\n'
    )
    assert speaker_of(extraction, "We will not sign anything") == "Marta Kowalczyk"


def test_a_surname_the_text_already_uses_alone_keeps_meaning_that_person():
    extraction = extract(
        "Senator Liam Gallagher has spent a decade on rural broadband.\n\n"
        "Gallagher grew up on a farm outside Tralee.\n\n"
        "His sister, Niamh Gallagher, still runs it.\n\n"
        '"The towns were forgotten," Gallagher said.\n'
    )
    assert speaker_of(extraction, "The towns were forgotten") == "Liam Gallagher"


def test_a_sentence_opening_with_she_added_that_is_not_the_close_of_the_quotation_before():
    extraction = extract(
        "Hendrik Visser met councillors in Utrecht on Monday.\n\n"
        'Councillor Bram de Vries said Visser asked members to be "patient with the budget." She added that '
        'the tram line "will be finished on time" whatever happens.\n'
    )
    assert speaker_of(extraction, "patient with the budget.") == "Bram de Vries"


def test_an_opening_participle_clause_with_a_place_in_it_is_no_speaker():
    extraction = extract(
        "Speaking at a town hall in Kitchener, Ontario, Aisha Rahman went after her rival, calling his plan "
        '"a tax on commuters."\n'
    )
    assert speaker_of(extraction, "a tax on commuters.") == "Aisha Rahman"


def test_a_dateline_with_a_double_hyphen_is_skipped():
    extraction = extract(
        "NAIROBI -- President Wanjiru Kamau, opening the new rail terminal on Saturday, said it would "
        '"carry the country into the next century."\n'
    )
    assert speaker_of(extraction, "carry the country") == "Wanjiru Kamau"


def test_an_outlet_that_reports_is_the_speaker():
    extraction = extract(
        "Ferry Fares To Rise Again.\n\n"
        'The New Zealand Herald reports that the operator plans to "pass every cost to passengers."\n\n'
        "The Sydney Morning Herald notes:\n\n"
        '"The fares have doubled in five years and nobody in government has asked why."\n'
    )
    assert speaker_of(extraction, "pass every cost") == "New Zealand Herald"
    assert speaker_of(extraction, "The fares have doubled") == "Sydney Morning Herald"


def test_said_before_the_name_and_a_colon():
    extraction = extract(
        "Analysts expect the levy to pass. Said Okafor: \"I do not think anyone in the chamber has read it.\"\n"
    )
    assert speaker_of(extraction, "I do not think anyone") == "Okafor"


def test_according_to_opening_or_closing_the_sentence_names_the_source():
    extraction = extract(
        "The council voted on Tuesday.\n\n"
        'According to the housing campaigner Rosa Lindqvist, the vote shows "contempt for tenants."\n\n'
        'The scheme drew "furious letters" from residents all week, according to the Stockholm Tenants Union.\n'
    )
    assert speaker_of(extraction, "contempt for tenants.") == "Rosa Lindqvist"
    assert speaker_of(extraction, "furious letters") == "Stockholm Tenants Union"


def test_a_statement_lead_and_a_book_title_are_no_speakers():
    extraction = extract(
        'In a statement announcing the strike, the Union of Rail Workers called the offer "an insult."\n\n'
        "In her 2009 memoir, Harbour Lights, Ingrid Solberg described the strike. After saying her hands were "
        '"too cold to hold a pen," she was sent home.\n'
    )
    assert speaker_of(extraction, "an insult.") == "Union of Rail Workers"
    assert speaker_of(extraction, "too cold to hold a pen") == "Ingrid Solberg"


def test_unnamed_people_who_speak_together_are_the_speaker():
    extraction = extract(
        "The mayor of Valparaiso, Camila Rojas, defended the port deal on Monday.\n\n"
        'Her critics called the deal "a giveaway to the shipping lines."\n\n'
        "The fisherman's family has asked the city to publish the contract "
        '"so that everyone can read what was signed."\n'
    )
    assert speaker_of(extraction, "a giveaway to the shipping lines.") == "Her critics"
    assert speaker_of(extraction, "so that everyone can read") == "fisherman's family"


def test_two_words_describing_one_plural_noun_are_not_two_members():
    extraction = extract(
        "Federal and provincial officials met in Winnipeg on Friday.\n\n"
        '"The agreement protects every farm in the basin," they wrote in a joint letter.\n'
    )
    assert speaker_of(extraction, "The agreement protects every farm") == "Federal and provincial officials"


def test_a_quotation_after_a_sentence_closing_with_x_said_is_x_s():
    extraction = extract(
        "Tomas Lindgren, the opposition leader, spoke first. Karin Ek, the minister, answered him.\n\n"
        "The ministry may delay the ferry contract until the spring, Lindgren said. "
        '"Nobody on the islands will accept another winter without a service."\n'
    )
    assert speaker_of(extraction, "Nobody on the islands") == "Tomas Lindgren"


def test_as_x_with_a_long_apposition_put_it():
    extraction = extract(
        "The budget leaves many questions open. As Nkosana Dube, a public finance lecturer and former "
        "adviser at the Johannesburg Treasury Office, recently put it, "
        '"Where exactly is the money for the clinics coming from?"\n'
    )
    assert speaker_of(extraction, "Where exactly is the money") == "Nkosana Dube"


def test_the_speakers_who_call_something_by_a_name():
    extraction = extract(
        "Both leaders played down the riots in Marseille. When asked, Dupont and Moreau call them "
        '"isolated incidents" and describe the police response as proportionate.\n\n'
        "The protests went on (or, as the Provence Herald called them in an editorial on Sunday, "
        '"a summer of anger").\n'
    )
    assert speaker_of(extraction, "isolated incidents") in {"Moreau", "Dupont and Moreau"}
    assert speaker_of(extraction, "a summer of anger") == "Provence Herald"


def test_a_full_stop_inside_the_quotation_then_a_new_sentence_with_its_own_clause():
    extraction = extract(
        'Chile insisted that Lima "withdraw the decree at once." The Andean Trade Council said the two '
        'governments had "weeks, not months" to settle it.\n'
    )
    assert speaker_of(extraction, "withdraw the decree") == "Chile"
    assert speaker_of(extraction, "weeks, not months") == "Andean Trade Council"


def test_closing_attributions_with_an_apposition_or_an_owner_s_role():
    extraction = extract(
        "Rail fares went up again in Leeds.\n\n"
        '"Commuters are paying for the operator\'s mistakes," Councillor Ruth Adeyemi\'s chief of staff, '
        "Sam Okoro, told reporters.\n\n"
        'Fares are "the worst in Europe" and "a tax on work," Daniel Fenwick, the former transport minister, '
        "declared to a packed hall.\n\n"
        'The operator will face "serious questions" and "a long winter," union spokesman Alan Price said.\n'
    )
    assert speaker_of(extraction, "Commuters are paying") == "Sam Okoro"
    assert speaker_of(extraction, "the worst in Europe") == "Daniel Fenwick"
    assert speaker_of(extraction, "a tax on work") == "Daniel Fenwick"
    assert speaker_of(extraction, "serious questions") == "Alan Price"
    assert speaker_of(extraction, "a long winter") == "Alan Price"


def test_or_as_x_put_it_and_an_opening_participle():
    extraction = extract(
        "The ministers met in Lisbon.\n\n"
        "Or, as Helena Sousa, a former finance minister, put it: \"The money has already left the country.\"\n\n"
        'Alarmed, Senator Rui Costa said the cuts were "a test of nerve" for the coalition.\n\n'
        'Others were scathing, with Senator Marta Lopes calling it a "paper budget."\n'
    )
    assert speaker_of(extraction, "The money has already left") == "Helena Sousa"
    assert speaker_of(extraction, "a test of nerve") == "Rui Costa"
    assert speaker_of(extraction, "paper budget.") == "Marta Lopes"


def test_people_doing_something_when_they_speak_and_what_a_body_called_something():
    extraction = extract(
        "Curfew was lifted in Nantes at midnight.\n\n"
        'Students marching through the old town chanted "Not one step back!" until dawn.\n\n'
        "The Baltic Fisheries Council on Monday condemned the quota cut as part of what it called "
        '"a slow death for the coastal villages."\n'
    )
    assert speaker_of(extraction, "Not one step back!") == "Students"
    assert speaker_of(extraction, "a slow death for the coastal villages.") == "Baltic Fisheries Council"


def test_a_described_speaker_with_its_complement_and_a_document_as_it_put_it():
    extraction = extract(
        "The campaign released a new advertisement in Accra.\n\n"
        '"Who will pay for the new roads?" a narrator in the opposition\'s advert asks.\n\n'
        'The only test for the licence is "a clean record and a fixed address," as a Transport Ministry '
        "memo put it.\n"
    )
    assert speaker_of(extraction, "Who will pay for the new roads?") == "a narrator"
    assert speaker_of(extraction, "a clean record and a fixed address") == "Transport Ministry memo"


def test_talking_about_a_quoted_phrase_and_a_heading_run_into_the_sentence():
    extraction = extract(
        "The rally in Durban ran late.\n\n"
        '"Are we nearly done?" she asked, but the crowd stayed, and as Sipho Ndlovu went on about '
        '"a stolen decade" and "the missing billions," the lights came on.\n\n'
        "THE DEBTS Back when he ran the treasury, Mr. Ndlovu said that borrowing was a last resort. "
        '"Those days are gone," he said.\n'
    )
    assert speaker_of(extraction, "a stolen decade") == "Sipho Ndlovu"
    assert speaker_of(extraction, "the missing billions") == "Sipho Ndlovu"
    assert speaker_of(extraction, "Those days are gone") == "Sipho Ndlovu"


def test_an_office_before_a_name_of_a_place_and_demands_with_call_on():
    extraction = extract(
        "The split deepened on Wednesday when Assembly Speaker Grace Mwangi of Nakuru lamented the "
        '"bitter" mood in the chamber.\n\n'
        'The Nairobi Teachers Union is calling on the minister to "come to the table before term starts."\n\n'
        "The farmer's family has called on the board to publish the report "
        '"so that the valley knows what happened."\n'
    )
    assert speaker_of(extraction, "bitter") == "Grace Mwangi"
    assert speaker_of(extraction, "come to the table") == "Nairobi Teachers Union"
    assert speaker_of(extraction, "so that the valley knows") == "farmer's family"


def test_a_question_then_the_name_with_an_apposition_and_what_someone_called():
    extraction = extract(
        "Volunteers staffed the phones in Cork.\n\n"
        '"Hello, I am calling from the campaign. Have you decided?" Siobhan Walsh, a retired nurse from '
        "Mallow, said into the phone.\n\n"
        'Bracing for what Declan Murphy called "the hardest winter in a generation," the council met early.\n'
    )
    assert speaker_of(extraction, "Hello, I am calling") == "Siobhan Walsh"
    assert speaker_of(extraction, "the hardest winter") == "Declan Murphy"


def test_a_lead_without_a_comma_is_no_part_of_the_subject():
    extraction = extract(
        "At the party congress in Porto his aides changed the platform, replacing a pledge of "
        '"free tuition for all" with a promise of "help where it is needed."\n\n'
        'In Lisbon the finance minister said the budget was "balanced and final."\n'
    )
    assert speaker_of(extraction, "free tuition for all") in {"aides", "his aides"}
    assert speaker_of(extraction, "balanced and final.") == "the finance minister"


def test_a_quotation_set_off_by_dashes_after_a_name_and_said_yes():
    extraction = extract(
        "Several ministers have said the same, including the former premier Henrik Dahl -- "
        '"Nobody should sign a deal they have not read" -- and two former ambassadors.\n\n'
        '"Is it over?" she asked, and as Lars Berg went on about "a betrayal of the fishermen," and '
        '"a lost decade," Ingrid Holm said yes, again and again.\n'
    )
    assert speaker_of(extraction, "Nobody should sign a deal") == "Henrik Dahl"
    assert speaker_of(extraction, "a betrayal of the fishermen") == "Lars Berg"
    assert speaker_of(extraction, "a lost decade") == "Lars Berg"


def test_a_reply_that_agrees_is_not_the_questioner_s():
    extraction = extract(
        "Rafael Ortiz met army officers in Valencia on Monday.\n\n"
        'At the forum, one questioner claimed that "endless paperwork" was hurting the army.\n\n'
        '"You\'re right, we have an army of clerks and it gets worse every year," he said, adding that '
        '"half the forms could go tomorrow."\n'
    )
    assert speaker_of(extraction, "endless paperwork") == "one questioner"
    assert speaker_of(extraction, "You're right, we have an army") == "Rafael Ortiz"
    assert speaker_of(extraction, "half the forms could go") == "Rafael Ortiz"


def test_a_line_with_a_dash_and_a_name_signs_the_quotation_above():
    extraction = extract(
        "The fact check looked at three claims from the debate in Melbourne.\n\n"
        '"Nobody in this country has ever paid less tax than the big miners do today."\n\n'
        "- Penny Albright.\n\n"
        "The figure she cited is five years old.\n"
    )
    assert speaker_of(extraction, "Nobody in this country") == "Penny Albright"


def test_went_on_closes_a_quotation_and_a_role_with_its_complement_before_the_name():
    extraction = extract(
        "The host asked about the strike in Gothenburg.\n\n"
        '"You know, it happens, right?" Nils Ekberg went on, as if he had not heard.\n\n'
        'Another delegate on the harbour committee, Maja Lind, said she was only "leaning towards yes."\n'
    )
    assert speaker_of(extraction, "You know, it happens") == "Nils Ekberg"
    assert speaker_of(extraction, "leaning towards yes.") == "Maja Lind"
