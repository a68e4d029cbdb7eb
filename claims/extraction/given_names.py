"""Common given names whose bearer's gender the name itself shows, so that `he` and `she` can pass over
someone the text never gave a pronoun or a title.

Only names borne overwhelmingly by one gender are listed; names shared by both (`Jordan`, `Robin`,
`Alex`, `Chris`) and names that are also common words or surnames (`Will`, `Grant`, `Hope`) are not.
"""

from claims.extraction.lexicon import words

MALE = words("""
    aaron abdul abdullah adam adrian ahmad ahmed alan alastair albert alberto alejandro alessandro
    alexander alexei alfred ali alistair amir amit anand andre andreas andrei andrew andrzej andy angus
    anthony antonio anwar arjun arnold arthur ashraf barry ben benjamin bernard bill billy bjorn bob
    bobby boris brad bradley brendan brent brett brian bruce bryan carl carlos charles charlie chuck
    clarence claude clifford colin conor craig curtis dale dan daniel danny darren dave david dean
    dennis derek diego dimitri dmitry don donald doug douglas duncan dwight eddie edgar eduardo edward
    edwin elijah elliott emmanuel emre enrique eric erik ernest ethan eugene evan fabio felipe felix
    fernando francis francisco francois frank franklin fred frederick gabriel gareth gary gavin geoffrey
    george gerald gerard gilbert giovanni giuseppe glenn gordon graham greg gregory guido gustavo hamid
    hans harold harry harvey hassan hector henry herbert hiroshi howard hugh hugo ian ibrahim igor isaac
    ivan jack jacob jacques jake jakub james jason javier jeff jeffrey jeremy jerome jerry jesse jim
    jimmy joao joe joel johan john johnny jon jonathan jorge jose joseph josh joshua juan julian justin
    kareem karl keith ken kenji kenneth kevin khalid kofi krzysztof kurt kwame lance larry lars lawrence
    leo leon leonard lewis liam louis luca lucas luigi luis lukasz luke malcolm manuel marcel marco
    marcus marek mario martin matt matteo matthew maurice max mehmet michael miguel mike mikhail mitch
    mohamed mohammed muhammad mustafa nathan neil nicholas nick nigel nils noah norman olaf oliver omar
    oscar owen pablo patrick paul pawel pedro peter phil philip pierre piotr rahul ralph ramon randy
    raul ravi ray raymond reginald ricardo richard rick rob robert roberto rod rodrigo roger roland ron
    ronald roy rudy russell ryan salvador sam samuel sanjay scott sean sebastian sergei sergio seth
    shane simon sipho stanley stefan stephen steve steven stuart suresh sven takashi ted thabo theodore
    thomas tim timothy todd tom tomasz tommy tony travis trevor tyler victor vikram vincent vladimir
    walter warren wayne wesley william willie wojciech xavier yusuf zachary
""")

FEMALE = words("""
    abigail ada adriana agnes agnieszka aisha akiko alejandra alexandra alice alicia alison amanda amber
    amelia amy ana ananya anastasia andrea angela angelina anita ann anna anne annette antonia ashley
    astrid audrey ayesha barbara beatrice becky belinda betsy betty beverly bonnie brenda bridget brigid
    caitlin camila carla carly carmen carol caroline carolyn catherine cathy cecilia celia charlotte
    chelsea cheryl chiamaka chiara christina christine cindy claire clara claudia colleen connie
    cristina cynthia daisy daniela danielle daphne debbie deborah debra deepa denise diana diane donna
    doris dorothy edith eileen elaine eleanor elena elisabeth elizabeth ella ellen elsa emily emma erica
    erin esther eva evelyn fatima fiona frances francesca gabriela gabrielle gail gina giulia gloria
    grace gwen hannah harriet heather heidi helen helena holly ida ines ingrid irene iris isabel
    isabella jacqueline jane janet janice jasmine jeanne jennifer jenny jessica jill joan joanna joanne
    josephine joyce judith judy julia julie juliet karen karin katarzyna kate katherine kathleen kathryn
    kathy katie kayleigh keiko kirsten kristen lakshmi laura lauren leah lillian linda lisa liz lois
    loretta lori louise lucia lucy lydia madeleine magdalena maggie malgorzata margaret maria marie
    marina marion marjorie marta martha mary maureen megan mei melanie melinda melissa michelle mildred
    miriam molly monica nadia nancy naomi natalia natalie natasha ngozi nicole nina nomvula nora olga
    olivia pamela patricia paula pauline peggy penelope penny phyllis priya rachel rebecca regina renee
    rita roberta rosa rosemary ruth sabrina sally samantha sandra sara sarah sharon sheila shirley
    sigrid silvia sofia sonia sophia sophie stacey stephanie sunita susan suzanne sylvia tamara tanya
    tara teresa thandiwe theresa tina valerie vanessa vera veronica victoria violet wendy yoko yolanda
    yvonne zoe
""")
