"""factory_boy factories for every model the tests build."""

import hashlib

import factory
from django.contrib.auth import get_user_model

from articles.models import Article, Outlet
from claims.choices import ClaimKind, ClaimStatus, Rating, SourceType, SpeakerKind, Stance
from claims.models import Citation, Claim, ClaimRelation, Review, Source, Speaker, SpeakerAlias, SpeakerRole


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Minister resigns over budget row, part {n}")
    outlet = factory.SubFactory(OutletFactory)
    published = factory.Faker("date_between", start_date="-2y", end_date="today")
    body = factory.Sequence(
        lambda n: (
            f"The minister said: “The budget is balanced and growth is {n} per cent.”\n\n"
            f"A spokesman for the opposition said: “These figures are simply false.”"
        )
    )
    raw_text = factory.LazyAttribute(lambda a: f"{a.headline}\n\n{a.body}")
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.raw_text.encode()).hexdigest())


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Alex Speaker{n}")
    kind = SpeakerKind.PERSON


class SpeakerAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class SpeakerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerRole

    speaker = factory.SubFactory(SpeakerFactory)
    title = "Minister for Finance"


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim over the first quotation of its article's body."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    start = factory.LazyAttribute(lambda c: c.article.body.index("“") + 1)
    end = factory.LazyAttribute(lambda c: c.article.body.index("”", c.start))
    text = factory.LazyAttribute(lambda c: c.article.body[c.start : c.end])
    prefix = factory.LazyAttribute(lambda c: c.article.body[max(0, c.start - 32) : c.start])
    suffix = factory.LazyAttribute(lambda c: c.article.body[c.end : c.end + 32])
    kind = ClaimKind.CLAIM
    status = ClaimStatus.PROPOSED


class ResponseClaimFactory(ClaimFactory):
    """A response over the second quotation of the same article as its target."""

    start = factory.LazyAttribute(lambda c: c.article.body.rindex("“") + 1)
    end = factory.LazyAttribute(lambda c: c.article.body.index("”", c.start))
    kind = ClaimKind.RESPONSE


class ClaimRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimRelation

    target = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(ResponseClaimFactory, article=factory.SelfAttribute("..target.article"))
    relation_type = "rebuts"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Budget statistics {n}")
    source_type = SourceType.DATASET
    url = factory.Sequence(lambda n: f"https://stats.example/{n}")
    publisher = "Statistics Office"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    stance = Stance.CONTRADICTS
    excerpt = "Growth was 0.4 per cent."


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory)
    author = factory.SubFactory(UserFactory)
    rating = Rating.MOSTLY_FALSE
    summary = "Growth was far lower than claimed."
