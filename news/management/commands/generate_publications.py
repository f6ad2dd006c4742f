"""Bulk publications for scale checks and benchmarks: varied English and Russian text over many years.

Sentences are put together from phrase pairs (each Russian phrase a translation of the English one,
in the case its place in the sentence needs), so that both languages' full-text search meets a
realistic vocabulary: "санкции", "санкций" and "sanctions" all occur. The same --seed, count and
--until always give the same publications.
"""

import random
from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F, ForeignKey
from slugify import slugify

from embassy.clock import site_today, site_zone
from embassy.pagecache import renew_generation
from news.demo_content import CATEGORIES
from news.models import Category, Publication

SLUG_PREFIX = "gen-"  # marks generated publications, for --clear

# (English, Russian masculine/feminine/neuter/plural verb ending key)
ACTORS = [
    ("The Ambassador", "Посол", "m"),
    ("The Embassy", "Посольство", "n"),
    ("The Russian Foreign Ministry", "МИД России", "m"),
    ("Foreign Minister Sergey Lavrov", "Министр иностранных дел С.В.Лавров", "m"),
    ("The Ministry's spokeswoman", "Официальный представитель МИД", "f"),
    ("The Deputy Foreign Minister", "Заместитель Министра иностранных дел", "m"),
    ("The Consul General", "Генеральный консул", "m"),
    ("President Vladimir Putin", "Президент В.В.Путин", "m"),
    ("The Russian delegation", "Российская делегация", "f"),
    ("The parties", "Стороны", "p"),
    ("Russian diplomats", "Российские дипломаты", "p"),
]
# Russian past tense by the actor's gender.
VERBS = [
    ("discussed", {"m": "обсудил", "f": "обсудила", "n": "обсудило", "p": "обсудили"}),
    ("commented on", {"m": "прокомментировал", "f": "прокомментировала", "n": "прокомментировало",
                      "p": "прокомментировали"}),
    ("raised", {"m": "затронул", "f": "затронула", "n": "затронуло", "p": "затронули"}),
    ("welcomed", {"m": "приветствовал", "f": "приветствовала", "n": "приветствовало", "p": "приветствовали"}),
    ("condemned", {"m": "осудил", "f": "осудила", "n": "осудило", "p": "осудили"}),
    ("reviewed", {"m": "рассмотрел", "f": "рассмотрела", "n": "рассмотрело", "p": "рассмотрели"}),
]  # fmt: skip
STRESSED = {"m": "подчеркнул", "f": "подчеркнула", "n": "подчеркнуло", "p": "подчеркнули"}
NOTED = {"m": "отметил", "f": "отметила", "n": "отметило", "p": "отметили"}
# (English, Russian accusative, Russian genitive)
TOPICS = [
    ("sanctions against Russia", "санкции против России", "санкций против России"),
    ("bilateral relations", "двусторонние отношения", "двусторонних отношений"),
    ("the situation in Ukraine", "ситуацию на Украине", "ситуации на Украине"),
    ("the situation in Syria", "ситуацию в Сирии", "ситуации в Сирии"),
    ("the climate agenda", "климатическую повестку", "климатической повестки"),
    ("energy security", "энергетическую безопасность", "энергетической безопасности"),
    ("the Salisbury incident", "инцидент в Солсбери", "инцидента в Солсбери"),
    ("consular access", "консульский доступ", "консульского доступа"),
    ("visa issues", "визовые вопросы", "визовых вопросов"),
    ("strategic stability", "стратегическую стабильность", "стратегической стабильности"),
    ("arms control", "контроль над вооружениями", "контроля над вооружениями"),
    ("freedom of the media", "свободу средств массовой информации", "свободы средств массовой информации"),
    ("cultural exchanges", "культурные обмены", "культурных обменов"),
    ("trade and investment", "торговлю и инвестиции", "торговли и инвестиций"),
    ("the fight against terrorism", "борьбу с терроризмом", "борьбы с терроризмом"),
    ("the Iranian nuclear programme", "иранскую ядерную программу", "иранской ядерной программы"),
    ("cooperation in the Arctic", "сотрудничество в Арктике", "сотрудничества в Арктике"),
    ("the coronavirus pandemic", "пандемию коронавируса", "пандемии коронавируса"),
    ("cyber security", "кибербезопасность", "кибербезопасности"),
    ("the work of the OSCE", "работу ОБСЕ", "работы ОБСЕ"),
    ("the memory of the Second World War", "память о Второй мировой войне", "памяти о Второй мировой войне"),
    ("the rights of Russian citizens", "права российских граждан", "прав российских граждан"),
    ("the Arctic convoys", "арктические конвои", "арктических конвоев"),
    ("European security", "европейскую безопасность", "европейской безопасности"),
    ("chemical weapons", "химическое оружие", "химического оружия"),
    ("the Nord Stream pipelines", "газопроводы «Северный поток»", "газопроводов «Северный поток»"),
    ("the grain deal", "зерновую сделку", "зерновой сделки"),
    ("the expulsion of diplomats", "высылку дипломатов", "высылки дипломатов"),
    ("the detention of Russian nationals", "задержание российских граждан", "задержания российских граждан"),
    ("academic cooperation", "академическое сотрудничество", "академического сотрудничества"),
    ("the Victory Day celebrations", "празднование Дня Победы", "празднования Дня Победы"),
    (
        "the restoration of war memorials",
        "восстановление военных мемориалов",
        "восстановления военных мемориалов",
    ),
    ("British military exercises", "британские военные учения", "британских военных учений"),
    ("disinformation in the press", "дезинформацию в прессе", "дезинформации в прессе"),
    ("the Litvinenko inquiry", "расследование по делу Литвиненко", "расследования по делу Литвиненко"),
    ("the BRICS summit", "саммит БРИКС", "саммита БРИКС"),
    ("space exploration", "освоение космоса", "освоения космоса"),
]
PLACES = [
    ("in London", "в Лондоне"),
    ("in Moscow", "в Москве"),
    ("at a press conference", "на пресс-конференции"),
    ("in an interview with the BBC", "в интервью Би-би-си"),
    ("at a meeting at the Foreign Office", "на встрече в Форин-офисе"),
    ("on the sidelines of the UN General Assembly", "на полях Генеральной Ассамблеи ООН"),
    ("at the Security Council", "в Совете Безопасности"),
    ("in Edinburgh", "в Эдинбурге"),
    ("at a reception at the Embassy", "на приёме в Посольстве"),
    ("during a visit to Glasgow", "в ходе визита в Глазго"),
    ("at the Royal Institute of International Affairs", "в Королевском институте международных отношений"),
    ("at a wreath-laying ceremony in Brookwood", "на церемонии возложения венков в Бруквуде"),
    ("in a letter to The Times", "в письме в газету «Таймс»"),
    ("at a round table in Cambridge", "на круглом столе в Кембридже"),
    ("at a briefing for journalists", "на брифинге для журналистов"),
    ("in a telephone conversation", "в ходе телефонного разговора"),
]
CLAIMS = [
    ("Russia remains open to dialogue", "Россия остаётся открытой для диалога"),
    ("such statements are unacceptable", "подобные заявления неприемлемы"),
    ("the British side has provided no evidence", "британская сторона не представила никаких доказательств"),
    ("unilateral sanctions are counterproductive", "односторонние санкции контрпродуктивны"),
    (
        "consular access must be granted without delay",
        "консульский доступ должен быть предоставлен незамедлительно",
    ),
    ("the questions of the Russian side remain unanswered", "вопросы российской стороны остаются без ответа"),
    ("cooperation serves the interests of both peoples", "сотрудничество отвечает интересам обоих народов"),
    ("journalists must be able to work freely", "журналисты должны иметь возможность свободно работать"),
    ("the investigation lacks transparency", "расследованию не хватает прозрачности"),
    ("contacts will continue", "контакты будут продолжены"),
    ("international law must be respected", "нормы международного права должны соблюдаться"),
    ("the accusations are groundless", "обвинения беспочвенны"),
    ("the embassy has sent a note verbale", "посольство направило вербальную ноту"),
    ("no reply has been received so far", "ответа до сих пор не получено"),
    ("the decision was politically motivated", "решение было политически мотивированным"),
    ("the two countries share a long history", "две страны связывает долгая история"),
    (
        "Russian citizens may apply to the Consular Section",
        "российские граждане могут обратиться в Консульский отдел",
    ),
    ("the exhibition will be open until the end of the month", "выставка будет открыта до конца месяца"),
    ("veterans of the convoys were awarded medals", "ветераны конвоев были награждены медалями"),
    ("the documents were handed over to the Foreign Office", "документы были переданы в Форин-офис"),
]
TITLES = [
    ("Comment by the Embassy regarding {topic}", "Комментарий Посольства относительно {gen}"),
    ("Answer to a media question about {topic}", "Ответ на вопрос СМИ относительно {gen}"),
    ("Statement on {topic}", "Заявление по вопросу {gen}"),
    ("Ambassador's interview on {topic}", "Интервью Посла по вопросу {gen}"),
    ("Briefing on {topic}", "Брифинг по вопросу {gen}"),
    ("Article on {topic}", "Статья по вопросу {gen}"),
]
MONTHS_RU = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def capitalised(text):
    return text[:1].upper() + text[1:]


class Writer:
    """Makes one publication's text in both languages from a seeded random source."""

    def __init__(self, rng):
        self.rng = rng

    def sentence(self, topic):
        (actor_en, actor_ru, gender), choice = self.rng.choice(ACTORS), self.rng.random()
        if choice < 0.4:
            verb_en, verb_ru = self.rng.choice(VERBS)
            place_en, place_ru = self.rng.choice(PLACES)
            return (
                f"{actor_en} {verb_en} {topic[0]} {place_en}.",
                f"{actor_ru} {verb_ru[gender]} {topic[1]} {place_ru}.",
            )
        claim_en, claim_ru = self.rng.choice(CLAIMS)
        if choice < 0.7:
            return f"{actor_en} stressed that {claim_en}.", f"{actor_ru} {STRESSED[gender]}, что {claim_ru}."
        if choice < 0.85:
            other = self.rng.choice(TOPICS)
            return (
                f"Speaking about {other[0]}, {actor_en[0].lower() + actor_en[1:]} noted that {claim_en}.",
                f"Говоря о ситуации вокруг {other[2]}, {actor_ru} {NOTED[gender]}, что {claim_ru}.",
            )
        return (
            f"Question: How do you assess {topic[0]}? Answer: {capitalised(claim_en)}.",
            f"Вопрос: Как Вы оцениваете {topic[1]}? Ответ: {capitalised(claim_ru)}.",
        )

    def publication(self, day):
        topic = self.rng.choice(TOPICS)
        title_en, title_ru = self.rng.choice(TITLES)
        actor_en, actor_ru, gender = self.rng.choice(ACTORS)
        verb_en, verb_ru = self.rng.choice(VERBS)
        lead = (
            f"On {day.day} {day:%B %Y} {actor_en[0].lower() + actor_en[1:]} {verb_en} {topic[0]}.",
            f"{day.day} {MONTHS_RU[day.month - 1]} {day.year} года {actor_ru} {verb_ru[gender]} {topic[1]}.",
        )
        paragraphs = [
            [self.sentence(topic) for _ in range(self.rng.randint(2, 4))]
            for _ in range(self.rng.randint(2, 6))
        ]
        body = [
            "".join("<p>" + " ".join(s[i] for s in paragraph) + "</p>" for paragraph in paragraphs)
            for i in (0, 1)
        ]
        return {
            "en": (title_en.format(topic=topic[0]), lead[0], f"<p>{lead[0]}</p>{body[0]}"),
            "ru": (title_ru.format(gen=topic[2]), lead[1], f"<p>{lead[1]}</p>{body[1]}"),
        }


class Command(BaseCommand):
    help = (
        "Generate COUNT publications with varied English and Russian text, spread over the years "
        "before --until, in the demo categories. Running it again with the same --seed adds nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--since-year", type=int, default=2006, help="The oldest publications' year.")
        parser.add_argument(
            "--until", type=datetime.fromisoformat, help="The newest possible date (default: today, local)."
        )
        parser.add_argument(
            "--english-only", type=float, default=0.4, help="Share of publications without a Russian version."
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--clear", action="store_true", help="Delete earlier generated publications first."
        )

    def handle(self, *args, count, seed, since_year, until, english_only, batch_size, clear, **options):
        if count < 0 or batch_size < 1:
            raise CommandError("COUNT must be 0 or more and --batch-size at least 1.")
        if clear:
            self.stdout.write(f"Deleted {clear_generated()} generated publications.")
        zone = site_zone()
        end = datetime.combine(until.date() if until else site_today(), time(), tzinfo=zone)
        start = datetime(since_year, 1, 1, tzinfo=zone)
        if start >= end:
            raise CommandError("--since-year must come before --until.")
        categories = ensure_categories()
        rng = random.Random(seed)
        writer = Writer(rng)
        span = int((end - start).total_seconds())
        created = 0
        for first in range(0, count, batch_size):
            batch = []
            for n in range(first, min(first + batch_size, count)):
                published_at = start + timedelta(seconds=rng.randrange(span))
                batch.append(make_publication(writer, rng, n, seed, published_at, categories, english_only))
            with transaction.atomic():
                created += len(Publication.objects.bulk_create(batch, ignore_conflicts=True))
        # bulk_create sends no signals: cached pages must be renewed by hand.
        renew_generation()
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner, and the visibility map that index-only scans need
            # (VACUUM cannot run inside a transaction, as in tests; autovacuum catches up there).
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(f"{vacuum} {Publication._meta.db_table}")
        self.stdout.write(f"Generated {created} publications (seed {seed}).")


def ensure_categories():
    categories = []
    for data in CATEGORIES:
        category, _created = Category.objects.get_or_create(slug=data["slug"], defaults=data)
        categories.append(category)
    return categories


def make_publication(writer, rng, n, seed, published_at, categories, english_only):
    text = writer.publication(published_at.astimezone(site_zone()).date())
    fields = {"category": rng.choice(categories), "published_at": published_at}
    for code in ("en", "ru"):
        title, lead, body = text[code] if code == "en" or rng.random() >= english_only else ("", "", "")
        fields.update({f"title_{code}": title, f"lead_{code}": lead, f"body_{code}": body})
    roll = rng.random()
    if roll < 0.005:
        fields["status"] = Publication.Status.DRAFT
    elif roll < 0.01:
        fields["status"] = Publication.Status.WITHDRAWN
        fields["withdrawn_at"] = published_at + timedelta(days=1)
        fields["withdrawal_reason_en"] = "Superseded by a later statement."
    else:
        fields["status"] = Publication.Status.PUBLISHED
    fields["is_featured"] = roll > 0.99
    slug = f"{SLUG_PREFIX}{seed}-{n}-{slugify(fields['title_en'], max_length=80, word_boundary=True)}"
    return Publication(slug=slug, **fields)


@transaction.atomic
def clear_generated():
    """Delete generated publications in bulk: what refers to them goes first, then the rows themselves.

    QuerySet.delete() would load every row to send signals (the history records deletions), which takes
    minutes at 100,000 rows; generated rows have no history worth keeping.
    """
    generated = Publication.objects.filter(slug__startswith=SLUG_PREFIX)
    for relation in Publication._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete:
            continue
        field = relation.field
        if not isinstance(field, ForeignKey) or not field.db_constraint:
            continue  # the history's rows point to publications without a constraint
        referring = relation.related_model._base_manager.filter(**{f"{field.name}__in": generated})
        if field.null:
            cleared = {field.name: None}
            if any(each.name == "version" for each in relation.related_model._meta.concrete_fields):
                cleared["version"] = F("version") + 1  # a form opened before still shows the link
            referring.update(**cleared)
        else:
            referring.delete()
    return generated._raw_delete(generated.db)
