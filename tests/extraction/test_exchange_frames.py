"""How a sentence frames its quotations: a lead that opens on an answer, and words dating a quotation
before the row."""

from claims.extraction import extract
from tests.extraction.helpers import statement

REPLY_LEAD = (
    "Councillors in Ballarat have accused the state government of starving regional hospitals.\n\n"
    'Opposition health spokeswoman Noor Haddad said the Grampians ward "has been left with four nurses '
    'for thirty beds".\n\n'
    "Replying for the government, Health Minister Callum Reid told parliament the ward was "
    '"fully staffed on every shift" and accused the opposition of "frightening patients for a headline".\n'
)


def test_a_sentence_opening_on_a_reply_makes_all_its_quotations_answers():
    extraction = extract(REPLY_LEAD)
    accusation = extraction.statements.index(statement(extraction, "has been left with four nurses"))
    for text in ("fully staffed on every shift", "frightening patients for a headline"):
        answer = statement(extraction, text)
        assert answer.kind == "response"
        assert answer.responds_to == (accusation,)
    assert statement(extraction, "has been left with four nurses").kind == "claim"


EARLIER = (
    "The mining company Ferrosul has denied polluting the Doce river.\n\n"
    'Fishermen\'s leader Tiago Mendes said the water "turned red overnight" and the catch had collapsed.\n\n'
    '"We categorically deny releasing tailings into the river," said Ferrosul\'s director, Ana Lopes. '
    '"Our monitoring stations show normal readings."\n\n'
    "Only six months ago, at an investor briefing, Ms Lopes said Ferrosul was "
    '"the cleanest producer in the region".\n\n'
    'In March, Ms Lopes said output would "double by next year", she said at the time.\n'
)


def test_words_dated_before_the_row_stay_claims_after_a_denial():
    extraction = extract(EARLIER)
    assert statement(extraction, "We categorically deny").kind == "response"
    assert statement(extraction, "the cleanest producer in the region").kind == "claim"
    assert statement(extraction, "double by next year").kind == "claim"


NAMED_NEXT = (
    "Winnipeg city council has voted to sell the Elmwood arena, ending a two-year fight over its future.\n\n"
    'Councillor Janet Okoro said the sale was "the only way to stop the losses".\n\n'
    'Mayor Luc Tremblay defended the vote. "Councillor Marchetti asked for this study in 2023. He cannot '
    'now claim the result came as a surprise," he said.\n\n'
    'Councillor Paolo Marchetti said he had asked for a study, "not for a sale".\n\n'
    'Hockey coach Dana Pruitt said Mayor Tremblay was "a good friend of minor hockey".\n'
)


def test_the_side_an_attack_names_gainsaying_it_next_answers_that_attack():
    extraction = extract(NAMED_NEXT)
    attack = extraction.statements.index(statement(extraction, "Councillor Marchetti asked for this study"))
    answer = statement(extraction, "not for a sale")
    assert answer.kind == "response"
    assert answer.responds_to == (attack,)


def test_naming_the_last_speaker_without_gainsaying_stays_a_claim():
    extraction = extract(NAMED_NEXT)
    assert statement(extraction, "a good friend of minor hockey").kind == "claim"
    assert statement(extraction, "the only way to stop the losses").kind == "claim"


GOING_ON = (
    "Lagos State has denied that its flood barriers failed during last week's storm.\n\n"
    '"The barriers were never finished," said Tunde Bakare, an engineer who worked on the project. '
    '"Half of the pumps were still in their crates."\n\n'
    "More than 3,000 homes in Lekki and Ajah were flooded, and two people died.\n\n"
    "The barrier scheme was first announced in 2019 at a cost of 40 billion naira.\n\n"
    "Governor Sanwo's office has ordered a review of all drainage contracts.\n\n"
    "In a clarification on Friday, the state's Ministry of Works said the pumps had been delivered in "
    'May but that the barrier "was operating as designed on the night". The last section, the ministry '
    'said, "will be complete before the next rains".\n'
)


def test_a_paragraph_that_answers_goes_on_answering_in_the_same_voice():
    extraction = extract(GOING_ON)
    assert statement(extraction, "was operating as designed").kind == "response"
    going_on = statement(extraction, "will be complete before the next rains")
    assert going_on.kind == "response"
    assert going_on.responds_to == statement(extraction, "was operating as designed").responds_to


OFFER = (
    "Teachers in Queensland will strike on Monday after their union rejected a pay offer it called "
    '"a slap in the face".\n\n'
    'Education Minister Grace Whitlam said the offer was "generous and fair".\n'
)


def test_rejecting_an_offer_answers_nobodys_words():
    extraction = extract(OFFER)
    assert statement(extraction, "a slap in the face").kind == "claim"


ECHO = (
    "A former engineer at Tasman Rail has told regulators that the operator skipped brake inspections.\n\n"
    '"I saw the logbooks signed off without anyone touching a train," said Moana Reti, who left the '
    'company in March. "Managers told us the schedule mattered more."\n\n'
    '"We reject these claims. Our fleet has passed every independent safety audit for nine consecutive '
    'years," Tasman Rail said in a statement.\n\n'
    "Passenger numbers on the Wellington line rose by 4 per cent last year.\n\n"
    "The rail users' group Commuters First said it would write to the minister. \"Nine clean safety "
    'audits do not explain what happened to those logbooks," its chair, Peter Lang, said.\n'
)


def test_a_third_party_gainsaying_the_words_of_an_answer_answers_it():
    extraction = extract(ECHO)
    answer = extraction.statements.index(statement(extraction, "We reject these claims"))
    third = statement(extraction, "Nine clean safety audits")
    assert third.kind == "response"
    assert third.responds_to == (answer,)
    assert statement(extraction, "I saw the logbooks").kind == "claim"


FURTHER = (
    "Sporting Lisboa have been fined two million euros for breaching the league's financial rules.\n\n"
    '"This fine is an outrage. The league has treated this club unfairly from the start," club president '
    "Rui Matos said.\n\n"
    'The league said in a statement: "We reject any suggestion that the process was unfair."\n\n'
    'Its chief executive, Ines Carvalho, went further. "No club is bigger than the rules," she said. '
    '"Every other club filed its accounts on time."\n'
)


def test_a_voice_taking_the_last_answer_further_answers_as_it_did():
    extraction = extract(FURTHER)
    answer = statement(extraction, "We reject any suggestion")
    assert answer.kind == "response"
    for text in ("No club is bigger than the rules", "Every other club filed"):
        further = statement(extraction, text)
        assert further.kind == "response"
        assert further.responds_to == answer.responds_to
    assert answer.responds_to == (extraction.statements.index(statement(extraction, "This fine is an outrage")),)


OWN_WORDS = (
    "Radio host Kieran Doyle has apologised for on-air remarks about cyclists.\n\n"
    "The breakfast show is the most listened-to programme in Dublin, with 300,000 listeners a week.\n\n"
    'Doyle told listeners on Monday: "Cyclists think the roads belong to them." He added: "They should '
    'all be made to pay a road tax."\n\n'
    'Cycling Ireland chief executive Aoife Kerr said the remarks would "put riders in danger".\n\n'
    "The sponsor Brightwater Energy ended its deal with the show. \"Kieran's comments do not reflect who "
    'we are," Brightwater chairman Liam Walsh said.\n\n'
    'Doyle said on Wednesday: "I said something careless about people on bikes, and I am sorry."\n'
)


def test_a_quotation_speaking_of_a_named_persons_comments_answers_them():
    extraction = extract(OWN_WORDS)
    sponsor = statement(extraction, "Kieran's comments do not reflect")
    assert sponsor.kind == "response"
    assert sponsor.responds_to
    doyle = {extraction.statements.index(statement(extraction, t)) for t in ("Cyclists think", "They should all")}
    assert set(sponsor.responds_to) <= doyle


def test_an_apology_for_ones_own_words_answers_what_one_was_quoted_saying():
    extraction = extract(OWN_WORDS)
    apology = statement(extraction, "I said something careless")
    assert apology.kind == "response"
    assert apology.relation_type == "apologises_for"
    own = tuple(extraction.statements.index(statement(extraction, t)) for t in ("Cyclists think", "They should all"))
    assert apology.responds_to == own


FORMAL = (
    "The airline Skyreach has denied that it ignored warnings about a faulty cabin door.\n\n"
    '"The door failed twice in a week and the engineers were told to keep flying," said Marta Nowak, a '
    "former cabin supervisor.\n\n"
    'In a written statement on Friday, Skyreach said the door "was inspected and cleared by the '
    'regulator" after each report.\n'
)


def test_a_formal_statement_by_a_side_said_to_deny_answers():
    extraction = extract(FORMAL)
    answer = statement(extraction, "was inspected and cleared")
    assert answer.kind == "response"
    assert answer.responds_to == (extraction.statements.index(statement(extraction, "The door failed twice")),)


FOR_IT = (
    "Celebrity baker Tom Hale has been dropped by a supermarket after a joke about nurses.\n\n"
    '"Nurses just drink tea all night and complain about it," Hale said on a podcast last week.\n\n'
    'The Royal College of Nursing said the remarks were "insulting and false".\n\n'
    '"Our members work twelve-hour nights without a break," its general secretary, Nia Evans, said.\n\n'
    'Hale told reporters on Saturday that he had "nothing to say sorry for".\n'
)


def test_the_voice_of_a_side_that_just_answered_answers_with_it_and_gets_the_reply():
    extraction = extract(FOR_IT)
    college = statement(extraction, "insulting and false")
    voice = statement(extraction, "Our members work twelve-hour nights")
    assert college.kind == voice.kind == "response"
    assert voice.responds_to == college.responds_to
    reply = statement(extraction, "nothing to say sorry for")
    assert reply.kind == "response"
    assert extraction.statements.index(voice) in reply.responds_to


MEMO = (
    "Opposition MPs in Ottawa have accused the immigration department of corruption in its investor visa "
    "scheme.\n\n"
    '"This scheme is corrupt and riddled with fraud," said Conservative MP Dana Roy.\n\n'
    "An internal department memo, obtained by reporters, said applicants had to show a "
    '"documented and lawful source of funds".\n\n'
    'A department spokeswoman said: "The programme has strict checks at every stage."\n'
)


def test_a_memo_quoted_in_a_story_of_accusations_makes_its_own_case():
    extraction = extract(MEMO)
    assert statement(extraction, "documented and lawful source of funds").kind == "claim"
    assert statement(extraction, "The programme has strict checks").kind == "response"


COUNTER = (
    "Cape Town councillors clashed over the closure of the Sea Point library.\n\n"
    'Councillor Thandi Mokoena said the mayor had "sold off a public building to his friends".\n\n'
    "The budget for libraries falls by 3 per cent this year.\n\n"
    'Later in the meeting, Mayor Pieter Botha turned on his critics. "The building was sold at auction '
    'for the full market price," he said.\n'
)


def test_a_speaker_turning_on_critics_answers_them():
    extraction = extract(COUNTER)
    answer = statement(extraction, "The building was sold at auction")
    assert answer.kind == "response"
    assert answer.responds_to == (extraction.statements.index(statement(extraction, "sold off a public")),)


REMEDY = (
    "Renters in Melbourne face record bond disputes, a tenants' group says.\n\n"
    '"Landlords keep bonds for damage that was there when we moved in," said Priya Nair of Tenants Voice. '
    '"Nobody checks their claims."\n\n'
    "Housing Minister Sam Doherty said a new inspection rule would fix that.\n\n"
    '"From July every bond claim will need dated photographs from both sides," he said.\n'
)


def test_a_remedy_for_what_was_just_said_answers_it():
    extraction = extract(REMEDY)
    answer = statement(extraction, "From July every bond claim")
    assert answer.kind == "response"
    complaint = {extraction.statements.index(statement(extraction, t)) for t in ("Landlords keep", "Nobody checks")}
    assert answer.responds_to and set(answer.responds_to) <= complaint
