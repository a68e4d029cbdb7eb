"""Word lists the extraction rules are built on: speech verbs, titles, role and organisation nouns.

Everything here is general English newswriting vocabulary; no names of people or places.
"""


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list."""
    return frozenset(text.split())


def _inflect(base: str) -> set[str]:
    """Regular English verb forms of `base` (base, -s, -ed, -ing)."""
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base in _DOUBLING:
        return {base, base + "s", base + base[-1] + "ed", base + base[-1] + "ing"}
    if base.endswith(("sh", "ch", "ss", "x")):
        return {base, base + "es", base + "ed", base + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


_DOUBLING = {"admit", "slam", "snap", "quip", "plan", "stop", "commit", "rebut", "jot", "regret", "blog"}

_REGULAR_SPEECH = """
accuse acknowledge add admit allege announce answer apologise apologize argue ask assert blame blast
boast brand caution charge claim comment complain concede conclude condemn confirm continue counter
criticise criticize declare demand deny describe dismiss emphasise emphasize explain insist joke
lament maintain mention message note object observe plead pledge post predict promise protest
quip recall reiterate reject remark reply respond retort reveal scoff shout slam snap state stress
suggest text tweet urge vow warn agree question mock rebut regret thunder fume rage write
dispute disagree refute
report press chant wonder exclaim testify
assure propose praise contend recount opine muse decry affirm proclaim
bark beam yell scream sigh laugh whisper mutter grumble groan gush point
"""

_IRREGULAR_SPEECH = """
say says said saying tell tells told telling write writes wrote written writing speak speaks spoke
spoken speaking hit hits hitting sing sings sang singing put puts cry cries cried read reads
"""

# Verbs whose base and -s forms are more often nouns ("the protest", "his claims"): past and -ing only.
_NOUN_LIKE = set(
    words(
        """blast boast brand caution charge claim comment counter demand joke lament message mock note object
    plead pledge post promise protest question rage rebut regret remark reply snap slam state text thunder
    tweet vow answer report press chant beam point sigh"""
    )
)
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        form
        for base in _REGULAR_SPEECH.split()
        for form in _inflect(base)
        if base not in _NOUN_LIKE or form.endswith(("ed", "ing"))
    }
    | set(_IRREGULAR_SPEECH.split())
)
# Their -s forms ("reports", "notes"), a speech verb only right after a name and before what is said
# ("The Courier reports that …", "The Tribune notes:"); see phrases.is_speech_verb.
NOUN_LIKE_SPEECH = frozenset(
    form for base in _NOUN_LIKE for form in _inflect(base) if form.endswith("s") and form != base
)
# "calls on the council to …", "called for a ban": a demand, a speech verb only with its particle.
CALL_FORMS = words("call calls called calling")
SPEECH_CUES = SPEECH_VERBS | NOUN_LIKE_SPEECH | CALL_FORMS

# Verbs after which a quotation is a name or a label, not something anyone said.
LABEL_CUES = words("""dubbed nicknamed so-called titled entitled headlined codenamed christened named billed known
    term terms word words phrase phrases slogan slogans hashtag motto label labels banner banners
    catchphrase tagline headline""")
# Nouns for works whose Title-Cased names appear in quotes.
WORK_NOUNS = words("""report book memoir autobiography film documentary paper study podcast programme program show
    series play novel poem
    song album exhibition motion bill article column essay review inquiry survey campaign
    strategy plan manifesto""")
# Quotations introduced with these verbs are still statements even when short.
RESPONSE_VERBS = words(
    """denied denies deny denying rejected rejects reject rejecting rebutted rebuts responded responds
    replied replies hit retorted countered dismissed dismisses insisted insists defended defends
    apologised apologized apologises apologizes apologising apologizing disputed disputes disputing
    refuted refutes contested contests disagreed disagrees"""
)
# Response verbs that also report answers to a question or a plain assertion ("Pence replied,", "she
# insisted that the line would be built"): they make an answer only about criticism.
WEAK_RESPONSE_VERBS = words("insisted insists replied replies responded responds")
STRONG_RESPONSE_VERBS = RESPONSE_VERBS - WEAK_RESPONSE_VERBS
# Verbs of replying: without an object they answer whoever spoke last.
REPLY_VERBS = words("replied replies responded responds retorted countered disagreed disagrees objected")
# Reporting verbs that add no speech act of their own.
NEUTRAL_SPEECH = words("said says say told tells added adds continued")
# Verb forms that, inside a short quotation ("strongly disputes"), make the quotation itself an answer.
ANSWER_WORDS = words(
    "deny denies denied reject rejects rejected dispute disputes disputed refute refutes refuted contest "
    "contests contested rebut rebuts"
)
# What `Asked about …`, `Responding to …`, `In response to …` must mention for the answer to be a response.
CRITICISM_NOUNS = words(
    """critics criticism criticisms claim claims allegation allegations accusation accusations
    suggestion suggestions complaint complaints charge charges attack attacks comments remarks"""
)
ACCUSATION_VERBS = words("""accused accuses accusing complained complains complaining criticised criticized criticises
    criticizes criticising condemned condemns condemning blamed blames blaming alleged alleges alleging
    attacked attacks slammed slams blasted blasts branded brands lambasted charged""")

MALE_TITLES = words("mr lord sir baron earl viscount marquess duke king prince father brother")
FEMALE_TITLES = words("mrs ms miss lady baroness dame countess duchess queen princess sister madam")
NEUTRAL_TITLES = words("""dr prof professor rev reverend cllr councillor judge justice senator sen rep gov gen col capt
    captain sgt lt president chancellor rabbi imam bishop archbishop cardinal sheikh mx""")
TITLES = MALE_TITLES | FEMALE_TITLES | NEUTRAL_TITLES
# Titles only ever put before a surname.
HONORIFICS = words("mr mrs ms miss mx dr sen rep gov prof cllr messrs")
# Titles that stay part of a canonical name ("Lord X", "Dame Y"); others are dropped from it.
KEPT_TITLES = words(
    "lord lady baroness baron earl viscount marquess duke duchess countess sir dame king queen prince princess"
)
# The role noun an abbreviated title stands for ("Gov. X" is "the governor").
TITLE_NOUNS = {
    "gov": frozenset({"governor"}),
    "sen": frozenset({"senator", "lawmaker"}),
    "senator": frozenset({"senator", "lawmaker"}),
    "rep": frozenset({"representative", "congressman", "congresswoman", "lawmaker"}),
    "gen": frozenset({"general"}),
    "prof": frozenset({"professor"}),
    "professor": frozenset({"professor"}),
    "dr": frozenset({"doctor"}),
    "col": frozenset({"colonel"}),
    "capt": frozenset({"captain"}),
    "captain": frozenset({"captain"}),
    "sgt": frozenset({"sergeant"}),
    "lt": frozenset({"lieutenant"}),
    "cllr": frozenset({"councillor"}),
    "councillor": frozenset({"councillor"}),
    "rev": frozenset({"reverend", "pastor", "minister"}),
    "president": frozenset({"president"}),
    "judge": frozenset({"judge"}),
    "justice": frozenset({"justice", "judge"}),
}
PEERAGE_TITLES = words("lord lady baroness baron earl viscount marquess duke duchess countess")
# Role nouns that refer back to a holder of one of the titles above.
TITLE_ROLE_NOUNS = {"peer": PEERAGE_TITLES, "peers": PEERAGE_TITLES, "knight": frozenset({"sir"})}

PERSON_ROLES = words("""minister ministers secretary secretaries president presidents chairman chairwoman chair
    chairperson leader leaders mayor mayors mp mps mep meps peer peers senator senators governor
    governors spokesman spokeswoman spokesperson chief executive director directors officer officers
    official officials politician politicians backbencher backbenchers frontbencher lawmaker lawmakers
    legislator legislators councillor councillors ambassador envoy commissioner chancellor premier
    judge lawyer barrister solicitor attorney founder boss ceo head manager coach player captain
    striker star actor actress singer author writer journalist editor presenter campaigner campaigners
    activist activists academic professor researcher researchers scientist scientists doctor doctors
    economist economists analyst analysts expert experts veteran candidate candidates member members
    treasurer whip king queen prince princess monarch pope bishop archbishop rabbi imam priest cleric
    mother father son daughter wife husband widow widower survivor victim witness resident residents
    student students teacher teachers worker workers nurse nurses detective inspector constable
    commander colonel general sergeant soldier soldiers adviser advisers advisor aide aides strategist
    owner entrepreneur investor billionaire tycoon businessman businesswoman comedian broadcaster host
    columnist historian novelist poet artist musician rapper footballer cricketer athlete champion
    midfielder defender goalkeeper referee trustee regulator prosecutor prosecutors defendant claimant
    complainant complainants plaintiff suspect sheriff dean principal diplomat diplomats negotiator
    delegate delegates representative representatives congressman congresswoman deputy deputies
    critic critics supporter supporters opponent opponents ally allies colleague colleagues protester
    protesters demonstrators organiser organisers parent parents pupil pupils farmer farmers
    patient patients pilot pilots driver drivers chef engineer engineers lecturer president-elect
    secretary-general premier-elect governor-general speaker spokespeople insider insiders figure figures
    source sources man woman men women boy girl person voter voters fan fans friend friends neighbour
    neighbor neighbours neighbors relative relatives cousin brother sister uncle aunt grandmother
    grandfather niece nephew narrator announcer questioner reader readers viewer caller commenter user
    employee employees staffer staffers customer customers passenger passengers commuter shopper tenant
    landlord homeowner surgeon physician psychiatrist psychologist consultant volunteer volunteers
    blogger commentator pundit pollster pollsters observer observers reporter reporters correspondent
    anchor moderator interviewer organizer organizers rival rivals challenger""")
# Documents that "say" what their authors wrote ("a letter from the league warned").
DOCUMENT_NOUNS = words("""report letter memo memorandum statement study survey poll analysis projection filing
    complaint lawsuit ruling email e-mail editorial release document documents review audit article ad
    advert advertisement video clip website headline caption sign banner placard petition manifesto
    leaflet transcript readout indictment book brief affidavit""")
# Documents that report or show what was said rather than speak for a body answering critics.
MEDIA_DOCUMENTS = words("""article ad advert advertisement video clip website headline caption sign banner placard
    book transcript readout""")
# Role nouns naming the unnamed voice of an organisation.
SPOKES_NOUNS = words("""spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen source sources official
    officials insider insiders aide aides representative representatives figure figures""")
FEMALE_NOUNS = words("""spokeswoman chairwoman actress businesswoman congresswoman mother wife widow daughter woman girl
    queen princess sister""")
MALE_NOUNS = words("spokesman chairman businessman congressman father husband widower son man boy king prince brother")

ORG_HEADS = words("""party parties council board committee commission ministry department office union association
    federation agency authority bank group institute institution foundation university college school
    society trust corporation company firm inc ltd plc llc news times post guardian police service
    services government parliament assembly court church league club forum alliance movement
    campaign network organisation organization centre center fund coalition front congress senate
    cabinet army navy forces force administration bureau tribunal hospital charity partnership
    initiative project exchange unit team fc united watchdog regulator newspaper magazine broadcaster
    channel radio tv television press media holdings industries labs systems technologies airlines
    airways motors pharmaceuticals nations executive secretariat embassy consulate mission council
    panel inquiry commons lords guild chamber syndicate consortium collective cooperative co-operative
    orchestra museum gallery library academy laboratory directorate herald tribune gazette journal
    telegraph chronicle observer courier examiner inquirer sentinel bulletin house state corps""")
# Common nouns with which an article refers back to an organisation ("the party said").
ORG_DESCRIPTIONS = words("""party company firm government ministry department council union club board committee agency
    group organisation organization charity bank campaign authority police force team university
    school hospital trust newspaper broadcaster network movement coalition alliance administration
    regulator watchdog church commission federation association league institute foundation office
    embassy court airline retailer manufacturer studio publisher platform council insurer operator
    body spokesman""")

# Nouns for a business, and words of the names of public bodies and parties that no business has.
BUSINESS_NOUNS = words("company firm retailer manufacturer airline insurer operator publisher studio business group")
PUBLIC_BODIES = words("""authority agency commission ministry department council court police government parliament
    party union committee regulator watchdog office tribunal assembly senate congress inquiry""")

MONTHS = words("""january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec""")
NUMBER_WORDS = words("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions dozen dozens first second third last""")
DAYS = words("monday tuesday wednesday thursday friday saturday sunday")
# Last words of place names ("Trump Tower", "Elm Street"): a place never speaks.
# First words of place names ("San Diego", "Fort Worth", "Lake Charles").
PLACE_PREFIXES = words("""san santa santo sao são los las st saint fort port mount mt lake cape glen new north south
    east west northern southern eastern western central""")
PLACE_HEADS = words("""street avenue road boulevard lane drive square plaza tower towers building hall arena stadium
    park bridge airport station county city island islands river lake mountains valley beach coast
    heights harbor harbour bay highway""")

PRONOUNS = {
    "he": ("m", "sg"),
    "she": ("f", "sg"),
    "they": (None, "pl"),
    "it": (None, "org"),
    "we": (None, "we"),
    "i": (None, "i"),
}
OBJECT_PRONOUNS = {"him": ("m", "sg"), "her": ("f", "sg"), "them": (None, "pl"), "his": ("m", "sg")}
POSSESSIVES = words("his her their its my our your")
# Words that open a phrase counting people ("several groups", "many residents").
QUANTIFIERS = words("several many some most few both all numerous other")
# Nouns for a number of people, unnamed ("his surrogates", "the victim's family", "several groups").
PEOPLE_NOUNS = words("""family families relatives parents children groups people residents neighbours neighbors
    friends allies aides advisers advisors surrogates supporters opponents critics protesters protestors
    demonstrators activists campaigners organisers organizers attorneys lawyers voters workers members
    students teachers doctors nurses scientists experts analysts economists historians researchers
    delegates donors fans veterans victims survivors witnesses investigators prosecutors officials operatives
    staffers""")

DETERMINERS = words("the a an this that these those")
RELATIVES = words("who whose which whom that")
PREPOSITIONS = words("""in on at to for by with from after before about against into over under through than during
    since until upon within without across between among around behind beyond near outside inside
    via per amid despite following including like toward towards onto off""")
CONJUNCTIONS = words("but or nor because while whilst when if although though so yet as where whereas")
AUXILIARIES = words("""is are was were be been being has have had having do does did will would shall should can could
    may might must also has not never just then later earlier previously once again further still
    already now reportedly repeatedly publicly privately strongly bluntly angrily simply firmly
    clearly quickly swiftly separately recently subsequently initially originally even only""")
# "wasn't", "doesn’t": negated auxiliaries, with either apostrophe.
AUXILIARIES = AUXILIARIES | {
    stem + "n" + mark + "t"
    for stem in words("is are was were do does did has have had would could should wo ca must need might")
    for mark in "'’"
}
# Common finite verbs that end a subject noun phrase (past tense -ed forms are caught by shape).
COMMON_VERBS = words("""became become came went made took gave got left quit won lost held met sat stood ran began
    became felt kept brought thought found put set led read sent spent wants want needs need seems
    seem appears appear remains remain becomes comes goes makes takes gives gets leaves holds meets
    says thinks believes knows knew""")
# Words that open an adverbial lead-in ("In a statement, ...", "Earlier, ...").
ADVERBIAL_STARTERS = words("""in on at after before while whilst when as since during following despite although though
    earlier later meanwhile however yet but and also then now today yesterday tonight last this
    speaking writing asked responding replying answering separately elsewhere previously for with without under if
    because once over amid according overnight instead indeed still so nevertheless late early shortly""")
# Sentence-initial capitalised words that are never part of a name.
FUNCTION_WORDS = frozenset(
    DETERMINERS
    | PREPOSITIONS
    | CONJUNCTIONS
    | ADVERBIAL_STARTERS
    | set(PRONOUNS)
    | set(OBJECT_PRONOUNS)
    | POSSESSIVES
    | RELATIVES
    | AUXILIARIES
    | set(
        words("""and there here what why how i it its one some many all both each every no not any
        other another such several most more former ex new old our my your their dear please
        thank thanks yes oh mr""")
    )
) - {"mr"}
NAME_PARTICLES = words("de da del della di du van von der den al el bin ibn la le dos das ter ten")
ADJECTIVAL_ED = words("""alleged retired disgraced embattled elected appointed beleaguered unnamed named respected
    renowned celebrated acclaimed qualified talented noted""")
# Abbreviations written with a dot inside a person's name: titles, suffixes ("Mr.", "Sen.", "Jr.").
NAME_ABBREVIATIONS = words("mr mrs ms dr prof rev sen rep gov gen col capt sgt lt cllr mx jr sr st messrs")
# Suffixes after a surname ("Jr.", "III").
NAME_SUFFIXES = words("jr sr ii iii iv")
ABBREVIATIONS = words("mr mrs ms dr st jr sr no vs etc prof rev sen rep gov gen col capt sgt lt mt inc ltd co corp fig")

# Content words too common to say what a statement is about.
STOPWORDS = words("""a an the and or but if of at by for with about against between into through during before after
    above below to from up down in out on off over under again further then once here there when where
    why how all any both each few more most other some such no nor not only own same so than too very
    can will just don should now is are was were be been being have has had having do does did would
    could might must shall may i me my myself we our ours ourselves you your yours yourself he him his
    himself she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am as until while also said says say told tell one two three many much every
    like even still ever never always often there's it's i'm we're they're don't isn't wasn't aren't
    mr mrs ms dr lord lady sir per cent""")
