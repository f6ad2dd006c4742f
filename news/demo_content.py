"""Demo content: the reference front page of 26 October 2021, with Russian versions by a translator."""

CATEGORIES = [
    # slug, order, English name, Russian name
    {"slug": "speeches", "order": 1, "name_en": "Speeches", "name_ru": "Выступления"},
    {"slug": "interviews", "order": 2, "name_en": "Interviews", "name_ru": "Интервью"},
    {"slug": "articles", "order": 3, "name_en": "Articles", "name_ru": "Статьи"},
    {
        "slug": "statements",
        "order": 4,
        "name_en": "Statements and comments",
        "name_ru": "Заявления и комментарии",
    },
    {"slug": "events", "order": 5, "name_en": "News and events", "name_ru": "Новости и события"},
]

# Newest first. Times are naive local times in Europe/London. Publications without a Russian
# version have "" in every *_ru field.
PUBLICATIONS = [
    {
        "slug": "putin-telephone-conversation-johnson-2021-10-25",
        "category": "events",
        "published_at": "2021-10-25T19:30",
        "is_featured": False,
        "title_en": "President Putin's telephone conversation with British Prime Minister Boris Johnson",
        "lead_en": (
            "On October 25, 2021 President of the Russian Federation Vladimir Putin had a telephone "
            "conversation with Prime Minister of the United Kingdom Boris Johnson."
        ),
        "body_en": (
            "<p>On October 25, 2021 President of the Russian Federation Vladimir Putin had a telephone "
            "conversation with Prime Minister of the United Kingdom Boris Johnson.</p>"
            "<p>The leaders discussed issues on the international climate agenda ahead of the 26th UN "
            "Climate Change Conference of the Parties (COP26) in Glasgow.</p>"
            "<p>They also exchanged views on a number of topical international issues. It was agreed to "
            "continue contacts.</p>"
        ),
        "title_ru": (
            "Телефонный разговор Президента России В.В.Путина с Премьер-министром Великобритании Б.Джонсоном"
        ),
        "lead_ru": (
            "25 октября 2021 года состоялся телефонный разговор Президента Российской Федерации В.В.Путина с "
            "Премьер-министром Соединенного Королевства Б.Джонсоном."
        ),
        "body_ru": (
            "<p>25 октября 2021 года состоялся телефонный разговор Президента Российской Федерации "
            "В.В.Путина с Премьер-министром Соединенного Королевства Б.Джонсоном.</p>"
            "<p>Собеседники обсудили вопросы международной климатической повестки в преддверии 26-й "
            "Конференции сторон Рамочной конвенции ООН об изменении климата (КС-26) в Глазго.</p>"
            "<p>Состоялся также обмен мнениями по ряду актуальных международных вопросов. Договорились "
            "продолжить контакты.</p>"
        ),
    },
    {
        "slug": "putin-valdai-plenary-session-sochi-2021-10-21",
        "category": "events",
        "published_at": "2021-10-22T10:15",
        "is_featured": False,
        "title_en": (
            "Vladimir Putin took part in a plenary session of the 18th annual meeting of the Valdai "
            "International Discussion Club, Sochi, October 21, 2021"
        ),
        "lead_en": (
            "Vladimir Putin took part in a plenary session of the 18th annual meeting of the Valdai "
            "International Discussion Club."
        ),
        "body_en": (
            "<p>Vladimir Putin took part in a plenary session of the 18th annual meeting of the Valdai "
            "International Discussion Club.</p>"
            "<p>The theme of this year’s meeting is “Global Shake-up in the 21st Century: The Individual, "
            "Values and the State”.</p>"
            "<p>The meeting was held in Sochi from October 18 to 21, 2021, and brought together experts from "
            "Russia and other countries.</p>"
        ),
        "title_ru": (
            "В.В.Путин принял участие в пленарной сессии XVIII ежегодного заседания Международного "
            "дискуссионного клуба «Валдай», Сочи, 21 октября 2021 года"
        ),
        "lead_ru": (
            "В.В.Путин принял участие в пленарной сессии XVIII ежегодного заседания Международного "
            "дискуссионного клуба «Валдай»."
        ),
        "body_ru": (
            "<p>В.В.Путин принял участие в пленарной сессии XVIII ежегодного заседания Международного "
            "дискуссионного клуба «Валдай».</p>"
            "<p>Тема заседания этого года – «Глобальная встряска XXI века: человек, ценности, "
            "государство».</p>"
            "<p>Заседание проходило в Сочи с 18 по 21 октября 2021 года. В его работе приняли участие "
            "эксперты из России и зарубежных стран.</p>"
        ),
    },
    {
        "slug": "lavrov-remarks-moscow-format-afghanistan-2021-10-20",
        "category": "speeches",
        "published_at": "2021-10-21T11:40",
        "is_featured": False,
        "title_en": (
            "Foreign Minister Sergey Lavrov's remarks at the third meeting of the Moscow format "
            "consultations on Afghanistan, Moscow, October 20, 2021"
        ),
        "lead_en": (
            "The Moscow format’s main and indisputable advantage is that it unites Afghanistan with all "
            "neighbouring countries and other influential states of the region without exception. We regret "
            "the fact that our US colleagues are not participating in this meeting. We noted the fact that "
            "this is the second time in a row that the Americans have avoided an expanded troika meeting "
            "(Russia-United States-China-Pakistan)."
        ),
        "body_en": (
            "<p>The Moscow format’s main and indisputable advantage is that it unites Afghanistan with all "
            "neighbouring countries and other influential states of the region without exception. We regret "
            "the fact that our US colleagues are not participating in this meeting. We noted the fact that "
            "this is the second time in a row that the Americans have avoided an expanded troika meeting "
            "(Russia-United States-China-Pakistan).</p>"
            "<p><em>The third meeting of the Moscow format consultations on Afghanistan took place in Moscow "
            "on October 20, 2021. Following the meeting, the participants adopted a joint "
            "statement.</em></p>"
        ),
        "title_ru": (
            "Выступление Министра иностранных дел России С.В.Лаврова на третьем заседании консультаций по "
            "Афганистану в «московском формате», Москва, 20 октября 2021 года"
        ),
        "lead_ru": (
            "Главное и неоспоримое преимущество «московского формата» состоит в том, что он объединяет "
            "Афганистан со всеми без исключения соседними странами и другими влиятельными государствами "
            "региона. Сожалеем, что наши американские коллеги не участвуют в этой встрече. Обратили внимание "
            "на то, что американцы уже второй раз подряд уклоняются от встречи в формате расширенной "
            "«тройки» (Россия – США – Китай – Пакистан)."
        ),
        "body_ru": (
            "<p>Главное и неоспоримое преимущество «московского формата» состоит в том, что он объединяет "
            "Афганистан со всеми без исключения соседними странами и другими влиятельными государствами "
            "региона. Сожалеем, что наши американские коллеги не участвуют в этой встрече. Обратили внимание "
            "на то, что американцы уже второй раз подряд уклоняются от встречи в формате расширенной "
            "«тройки» (Россия – США – Китай – Пакистан).</p>"
            "<p><em>Третье заседание консультаций по Афганистану в «московском формате» состоялось в Москве "
            "20 октября 2021 года. По итогам встречи участники приняли совместное заявление.</em></p>"
        ),
    },
    {
        "slug": "lavrov-answers-media-questions-valdai-sochi-2021-10-19",
        "category": "interviews",
        "published_at": "2021-10-20T12:05",
        "is_featured": False,
        "title_en": (
            "Foreign Minister Sergey Lavrov’s answers to media questions following the 18th annual session "
            "of the Valdai International Discussion Club, Sochi, October 19, 2021"
        ),
        "lead_en": (
            "Question: The day before yesterday, Moscow announced measures in response to NATO’s aggressive "
            "moves. Are these measures prompted by Russia’s belief that NATO has to take the first step "
            "towards improving relations with Moscow? Sergey Lavrov: Yes, this is our approach. We have "
            "never been the first to start aggravating our relations with NATO, or the European Union, or "
            "any other country in the West or elsewhere. Everyone knows the following story: when in August "
            "2008, Mikheil Saakashvili issued the criminal order to bomb the city of Tskhinval and the "
            "peacekeeper’s positions, including Russian peacekeepers, Russia insisted that the Russia-NATO "
            "Council meet to consider the situation. US Secretary of State at the time, Condoleezza Rice, "
            "refused flatly, although, according to the Founding Act, which was signed by Russia and NATO "
            "when they established the Council, it must be effective in any “weather,” particularly in the "
            "case of a crisis. This was one example [in a series of events] that led to the status quo of "
            "today in relations between our country and NATO."
        ),
        "body_en": (
            "<p><strong>Question:</strong> The day before yesterday, Moscow announced measures in response "
            "to NATO’s aggressive moves. Are these measures prompted by Russia’s belief that NATO has to "
            "take the first step towards improving relations with Moscow?</p>"
            "<p><strong>Sergey Lavrov:</strong> Yes, this is our approach. We have never been the first to "
            "start aggravating our relations with NATO, or the European Union, or any other country in the "
            "West or elsewhere. Everyone knows the following story: when in August 2008, Mikheil Saakashvili "
            "issued the criminal order to bomb the city of Tskhinval and the peacekeeper’s positions, "
            "including Russian peacekeepers, Russia insisted that the Russia-NATO Council meet to consider "
            "the situation. US Secretary of State at the time, Condoleezza Rice, refused flatly, although, "
            "according to the Founding Act, which was signed by Russia and NATO when they established the "
            "Council, it must be effective in any “weather,” particularly in the case of a crisis. This was "
            "one example [in a series of events] that led to the status quo of today in relations between "
            "our country and NATO.</p>"
            "<p><em>Sergey Lavrov answered questions from the media on the sidelines of the 18th annual "
            "session of the Valdai International Discussion Club in Sochi on October 19, 2021.</em></p>"
        ),
        "title_ru": "",
        "lead_ru": "",
        "body_ru": "",
    },
    {
        "slug": "lavrov-news-conference-unga-76-high-level-week-2021-09-25",
        "category": "speeches",
        "published_at": "2021-09-27T10:30",
        "is_featured": False,
        "title_en": (
            "Foreign Minister Sergey Lavrov’s news conference to sum up the high-level meetings week at the "
            "76th session of the UN General Assembly, New York, September 25, 2021"
        ),
        "lead_en": (
            "Foreign Minister Sergey Lavrov’s news conference to sum up the high-level meetings week at the "
            "76th session of the UN General Assembly, New York."
        ),
        "body_en": (
            "<p>Foreign Minister Sergey Lavrov’s news conference to sum up the high-level meetings week at "
            "the 76th session of the UN General Assembly, New York.</p>"
            "<p>At the news conference, the Minister summed up the results of the bilateral and multilateral "
            "contacts held on the sidelines of the high-level week and answered questions from "
            "journalists.</p>"
        ),
        "title_ru": "",
        "lead_ru": "",
        "body_ru": "",
    },
    {
        "slug": "lavrov-address-unga-76-general-debate-2021-09-25",
        "category": "speeches",
        "published_at": "2021-09-27T09:45",
        "is_featured": False,
        "title_en": (
            "Foreign Minister Sergey Lavrov’s address at the General Debate of the 76th session of the "
            "General Assembly, New York, September 25, 2021"
        ),
        "lead_en": (
            "Foreign Minister Sergey Lavrov’s address at the 76th session of the General Assembly in New "
            "York."
        ),
        "body_en": (
            "<p>Foreign Minister Sergey Lavrov’s address at the 76th session of the General Assembly in New "
            "York.</p>"
            "<p>In his address, the Minister set out Russia’s approaches to the key issues on the "
            "international agenda, including the central role of the United Nations in world affairs.</p>"
            "<p>The General Debate of the 76th session of the UN General Assembly was held in New York from "
            "September 21 to 27, 2021.</p>"
        ),
        "title_ru": "",
        "lead_ru": "",
        "body_ru": "",
    },
    {
        "slug": "putin-address-citizens-ahead-of-state-duma-elections-2021-09-16",
        "category": "speeches",
        "published_at": "2021-09-16T16:20",
        "is_featured": False,
        "title_en": "President Putin's address to citizens of Russia ahead of State Duma elections",
        "lead_en": (
            "President Vladimir Putin addressed the citizens of Russia ahead of the State Duma election."
        ),
        "body_en": (
            "<p>President Vladimir Putin addressed the citizens of Russia ahead of the State Duma "
            "election.</p>"
            "<p>The elections of deputies to the State Duma of the Federal Assembly of the Russian "
            "Federation of the eighth convocation are being held from September 17 to 19, 2021.</p>"
            "<p>In his address, the head of state called on citizens to take part in the vote.</p>"
        ),
        "title_ru": (
            "Обращение Президента России В.В.Путина к гражданам России в преддверии выборов в "
            "Государственную Думу"
        ),
        "lead_ru": (
            "Президент России В.В.Путин обратился к гражданам России в преддверии выборов в Государственную "
            "Думу."
        ),
        "body_ru": (
            "<p>Президент России В.В.Путин обратился к гражданам России в преддверии выборов в "
            "Государственную Думу.</p>"
            "<p>Выборы депутатов Государственной Думы Федерального Собрания Российской Федерации восьмого "
            "созыва проходят с 17 по 19 сентября 2021 года.</p>"
            "<p>В своем обращении глава государства призвал граждан принять участие в голосовании.</p>"
        ),
    },
    {
        "slug": "russia-position-unga-76-session-2021-08-04",
        "category": "articles",
        "published_at": "2021-08-04T15:10",
        "is_featured": False,
        "title_en": "Russia`s position at the 76th Session of the UN General Assembly",
        "lead_en": (
            "1. The goal of the 76-th session of the UN General Assembly (GA) is to reaffirm the central and "
            "coordinating role of the Organization in international affairs. Owing to its representativeness "
            "and universality, the UN is rightfully viewed as a unique platform for an equitable dialogue "
            "aimed at reaching compromise solutions with due regard to different opinions. Attempts to "
            "undermine the authority and legitimacy of the UN are, in our view, extremely dangerous, as they "
            "can lead to the dismantlement of the multipolar system of international relations."
        ),
        "body_en": (
            "<p>1. The goal of the 76-th session of the UN General Assembly (GA) is to reaffirm the central "
            "and coordinating role of the Organization in international affairs. Owing to its "
            "representativeness and universality, the UN is rightfully viewed as a unique platform for an "
            "equitable dialogue aimed at reaching compromise solutions with due regard to different "
            "opinions. Attempts to undermine the authority and legitimacy of the UN are, in our view, "
            "extremely dangerous, as they can lead to the dismantlement of the multipolar system of "
            "international relations.</p>"
            "<p><em>The document sets out Russia’s approaches to the main items on the agenda of the 76th "
            "session of the UN General Assembly, including international peace and security, arms control "
            "and non-proliferation, counter-terrorism, sustainable development and human rights.</em></p>"
        ),
        "title_ru": "",
        "lead_ru": "",
        "body_ru": "",
    },
    {
        "slug": "lavrov-interview-komsomolskaya-pravda-2021-08-04",
        "category": "interviews",
        "published_at": "2021-08-04T13:25",
        "is_featured": False,
        "title_en": (
            "Foreign Minister Sergey Lavrov’s interview with the newspaper Komsomolskaya Pravda, Moscow, "
            "August 4, 2021"
        ),
        "lead_en": (
            "Question: Russia was not only the first country to register a vaccine – Sputnik V – but has "
            "also extended a helping hand to many countries that urgently needed it. Some of them accepted "
            "Russia’s assistance with gratitude. Tiny San Marino overcame the pandemic within just a matter "
            "of seven days. Thanks to Sputnik V, the number of new cases in Argentina is now down to less "
            "than one percent. Do other countries really appreciate our support, and should we continue "
            "helping them? Sergey Lavrov: Indeed, we were not only the first to register a vaccine, but we "
            "also declared our readiness to supply it on a transparent and non-discriminating basis. I am "
            "quite sure that our partners appreciate what we are doing."
        ),
        "body_en": (
            "<p><strong>Question:</strong> Russia was not only the first country to register a vaccine – "
            "Sputnik V – but has also extended a helping hand to many countries that urgently needed it. "
            "Some of them accepted Russia’s assistance with gratitude. Tiny San Marino overcame the pandemic "
            "within just a matter of seven days. Thanks to Sputnik V, the number of new cases in Argentina "
            "is now down to less than one percent. Do other countries really appreciate our support, and "
            "should we continue helping them?</p>"
            "<p><strong>Sergey Lavrov:</strong> Indeed, we were not only the first to register a vaccine, "
            "but we also declared our readiness to supply it on a transparent and non-discriminating basis. "
            "I am quite sure that our partners appreciate what we are doing.</p>"
            "<p><em>The interview was given to the newspaper Komsomolskaya Pravda in Moscow on August 4, "
            "2021.</em></p>"
        ),
        "title_ru": "",
        "lead_ru": "",
        "body_ru": "",
    },
    {
        "slug": "zakharova-comment-mi5-director-general-mccallum-2021-07-23",
        "category": "statements",
        "published_at": "2021-07-23T14:50",
        "is_featured": False,
        "title_en": (
            "Comment by Foreign Ministry Spokeswoman Maria Zakharova on recent statements by MI5 Director "
            "General Ken McCallum"
        ),
        "lead_en": (
            "We have noted statements by MI5 Director General Ken McCallum, which have been taken up by the "
            "British media, referring to security threats facing the United Kingdom, allegedly emanating "
            "from the actions of hostile states, namely, cyber-attacks, misinformation, etc. Director "
            "General Ken McCallum also lists Russia among such hostile states. At the same time, all of his "
            "assertions are in the well-known “highly likely” style. He provides no evidence or specific "
            "facts and merely speaks about certain hybrid threats. There is no specific example to confirm "
            "all this; however, this creates a narrative that is detrimental for and has a destructive "
            "effect on interstate dialogue and the normal development of bilateral ties."
        ),
        "body_en": (
            "<p>We have noted statements by MI5 Director General Ken McCallum, which have been taken up by "
            "the British media, referring to security threats facing the United Kingdom, allegedly emanating "
            "from the actions of hostile states, namely, cyber-attacks, misinformation, etc. Director "
            "General Ken McCallum also lists Russia among such hostile states. At the same time, all of his "
            "assertions are in the well-known “highly likely” style. He provides no evidence or specific "
            "facts and merely speaks about certain hybrid threats. There is no specific example to confirm "
            "all this; however, this creates a narrative that is detrimental for and has a destructive "
            "effect on interstate dialogue and the normal development of bilateral ties.</p>"
            "<p><em>The comment was published by the Ministry of Foreign Affairs of the Russian Federation "
            "on July 23, 2021.</em></p>"
        ),
        "title_ru": (
            "Комментарий официального представителя МИД России М.В.Захаровой в связи с недавними заявлениями "
            "Генерального директора МИ-5 К.Маккаллума"
        ),
        "lead_ru": (
            "Обратили внимание на растиражированные британскими СМИ заявления Генерального директора МИ-5 "
            "К.Маккаллума об угрозах безопасности Соединенного Королевства, якобы исходящих от действий "
            "враждебных государств, а именно о кибератаках, дезинформации и т.д. В числе таких враждебных "
            "государств Генеральный директор К.Маккаллум называет и Россию. При этом все его утверждения "
            "выдержаны в известном стиле «highly likely». Никаких доказательств или конкретных фактов он не "
            "приводит, а лишь рассуждает о неких гибридных угрозах. Ни одного конкретного примера, который "
            "подтверждал бы все это, нет, однако тем самым формируется нарратив, который наносит ущерб "
            "межгосударственному диалогу и нормальному развитию двусторонних связей и оказывает на них "
            "деструктивное воздействие."
        ),
        "body_ru": (
            "<p>Обратили внимание на растиражированные британскими СМИ заявления Генерального директора МИ-5 "
            "К.Маккаллума об угрозах безопасности Соединенного Королевства, якобы исходящих от действий "
            "враждебных государств, а именно о кибератаках, дезинформации и т.д. В числе таких враждебных "
            "государств Генеральный директор К.Маккаллум называет и Россию. При этом все его утверждения "
            "выдержаны в известном стиле «highly likely». Никаких доказательств или конкретных фактов он не "
            "приводит, а лишь рассуждает о неких гибридных угрозах. Ни одного конкретного примера, который "
            "подтверждал бы все это, нет, однако тем самым формируется нарратив, который наносит ущерб "
            "межгосударственному диалогу и нормальному развитию двусторонних связей и оказывает на них "
            "деструктивное воздействие.</p>"
            "<p><em>Комментарий опубликован Министерством иностранных дел Российской Федерации 23 июля 2021 "
            "года.</em></p>"
        ),
    },
    {
        "slug": "lavrov-remarks-seoul-2021-03-25",
        "category": "speeches",
        "published_at": "2021-03-25T14:00",
        "is_featured": True,
        "title_en": (
            "Sergey Lavrov’s remarks at a news conference following talks with Foreign Minister of the "
            "Republic of Korea Chung Eui-yong, Seoul, March 25, 2021"
        ),
        "lead_en": (
            "We held constructive, substantive and fruitful talks with Foreign Minister of the Republic of "
            "Korea Chung Eui-yong."
        ),
        "body_en": (
            "<p>Ladies and gentlemen,</p>"
            "<p>We held constructive, substantive and fruitful talks with Foreign Minister of the Republic "
            "of Korea Chung Eui-yong.</p>"
            "<p>Last year we marked 30 years of diplomatic relations between our countries. To commemorate "
            "this landmark, by decision of President of Russia Vladimir Putin and President of the Republic "
            "of Korea Moon Jae-in, we are holding a special event, the Year of Mutual Exchanges between our "
            "countries. Yesterday I accompanied the Foreign Minister to a festive ceremony during which we "
            "declared the Year of Mutual Exchanges open. I believe that the ceremony itself symbolised "
            "mutual sympathy between our peoples and a qualitatively new level of relations that has "
            "developed over the past decades between our nations.</p>"
            "<p>The Republic of Korea is one of Russia’s most important partners in Asia Pacific. We noted "
            "with satisfaction the progressive and dynamic development of our bilateral ties. We also "
            "reaffirmed the high level of our political dialogue and our resolve to continue expanding and "
            "invigorating our contacts, including between our presidents and governments. Our Korean "
            "partners reaffirmed last year’s invitation to President Putin to visit Seoul. We agreed to "
            "resume discussions on this matter as soon as the epidemiological situation allows.</p>"
            "<p>Our trade and economic cooperation declined last year due to the coronavirus pandemic. But "
            "the talks we held today have shown that we have plans that will allow to quickly reverse this "
            "trend and to resume the build-up of our mutual trade. These plans are connected with the "
            "concept of Nine Bridges initiated by President Moon Jae-in. We expressed appreciation for the "
            "development of our cooperation within the framework of this concept, including in rail "
            "transportation, energy supply, nuclear power, shipbuilding, healthcare and medicine.</p>"
            "<p>Large-scale investment cooperation projects are being implemented or prepared for "
            "implementation in the Russian Far East and Arctic regions. Talks are ongoing on the "
            "establishment of a Russian-Korean investment fund worth up to $1 billion. These and other "
            "issues will be on the agenda at the next meeting of the intergovernmental Russian-Korean Joint "
            "Commission on Economic, Scientific and Technical Cooperation, which is scheduled to take place "
            "in Seoul this year. Prime Minister of the Republic of Korea Chung Sye-kyun has received an "
            "invitation from Prime Minister of Russia Mikhail Mishustin to attend the Open Innovations "
            "international forum, which will be held in Moscow this autumn. As my colleague pointed out, we "
            "have great expectations for the next interregional forum this year.</p>"
            "<p>We spoke at length about efforts to deal with the consequences of the pandemic and to ensure "
            "the sanitary and epidemiological wellbeing of our citizens. We highlighted the agreement signed "
            "between the Russian Direct Investment Fund (RDIF) and South Korea’s GL Rapha last November to "
            "produce the Russian Sputnik V vaccine in Korea, including for future supply to other "
            "countries.</p>"
            "<p>We welcome the interest of our Korean partners in the development of the medical clusters on "
            "Russky Island and within the framework of Skolkovo.</p>"
            "<p>One of the international issues on which we focused was the situation on the Korean "
            "Peninsula and in Northeast Asia in general. Moscow and Seoul remain committed to an early "
            "resumption of negotiations between the parties in the interests of a lasting settlement of the "
            "entire range of problems in the region. We pointed out the importance of efforts to maintain "
            "peace and stability in Northeast Asia, including on the Korean Peninsula, which implies the "
            "sides’ rejection of the arms race and the build-up of all kinds of military activity.</p>"
            "<p>We exchanged views on promoting multilateral initiatives for strengthening cooperation in "
            "Northeast Asia in various spheres. Our Korean friends have very interesting ideas regarding "
            "this. They evaluated the proposals advanced by Russia.</p>"
            "<p>We discussed the development of our interaction at international organisations, namely the "
            "UN and the G20, as well as within the framework of the Asia-Pacific dialogue forums. We spoke "
            "about cooperation at the East Asia Summit and other organisations set up in the context of the "
            "ASEAN-centric regional security frameworks. Both parties expressed an interest in continued "
            "interaction in these open and, in the popular term, inclusive forums.</p>"
            "<p>We have agreed to keep up and strengthen interaction between our foreign ministries. We "
            "maintain a ramified network of contacts at different levels. The further development of these "
            "ties will be promoted by the plan of exchanges between our foreign ministries for 2021-2022, "
            "which we have signed just now.</p>"
            "<p>Our talks were fruitful and well-timed. I hope to be able to continue our contacts during a "
            "visit of Foreign Minister Chung Eui-yong to Moscow. I have delivered the invitation to him.</p>"
        ),
        "title_ru": (
            "Выступление Министра иностранных дел России С.В.Лаврова на пресс-конференции по итогам "
            "переговоров с Министром иностранных дел Республики Корея Чон Ый Ёном, Сеул, 25 марта 2021 года"
        ),
        "lead_ru": (
            "Мы провели конструктивные, содержательные и плодотворные переговоры с Министром иностранных дел "
            "Республики Корея Чон Ый Ёном."
        ),
        "body_ru": (
            "<p>Дамы и господа,</p>"
            "<p>Мы провели конструктивные, содержательные и плодотворные переговоры с Министром иностранных "
            "дел Республики Корея Чон Ый Ёном.</p>"
            "<p>В прошлом году мы отметили 30-летие установления дипломатических отношений между нашими "
            "странами. В ознаменование этой знаменательной даты по решению Президента России В.В.Путина и "
            "Президента Республики Корея Мун Чжэ Ина проводится специальное мероприятие – Год взаимных "
            "обменов между нашими странами. Вчера мы вместе с Министром приняли участие в торжественной "
            "церемонии, на которой объявили Год взаимных обменов открытым. Считаю, что сама церемония стала "
            "символом взаимной симпатии наших народов и качественно нового уровня отношений, сложившегося "
            "между нашими странами за прошедшие десятилетия.</p>"
            "<p>Республика Корея – один из важнейших партнеров России в Азиатско-Тихоокеанском регионе. С "
            "удовлетворением отметили поступательное и динамичное развитие наших двусторонних связей. "
            "Подтвердили высокий уровень политического диалога и настрой на дальнейшее расширение и "
            "активизацию контактов, в том числе на уровне президентов и правительств. Корейские партнеры "
            "подтвердили прошлогоднее приглашение Президенту России В.В.Путину посетить Сеул. Договорились "
            "вернуться к обсуждению этого вопроса, как только позволит эпидемиологическая обстановка.</p>"
            "<p>В прошлом году наше торгово-экономическое сотрудничество из-за пандемии коронавируса "
            "сократилось. Но сегодняшние переговоры показали, что у нас есть планы, которые позволят быстро "
            "переломить эту тенденцию и возобновить наращивание взаимного товарооборота. Эти планы связаны с "
            "выдвинутой Президентом Мун Чжэ Ином концепцией «Девяти мостов». Мы высоко оценили развитие "
            "нашего сотрудничества в рамках этой концепции, в том числе в сферах железнодорожных перевозок, "
            "энергоснабжения, атомной энергетики, судостроения, здравоохранения и медицины.</p>"
            "<p>На Дальнем Востоке и в Арктической зоне России реализуются или готовятся к реализации "
            "крупные проекты инвестиционного сотрудничества. Ведутся переговоры о создании "
            "российско-корейского инвестиционного фонда объемом до 1 млрд долларов США. Эти и другие вопросы "
            "будут на повестке дня очередного заседания Российско-Корейской межправительственной комиссии по "
            "экономическому, научному и техническому сотрудничеству, которое запланировано провести в этом "
            "году в Сеуле. Премьер-министр Республики Корея Чон Се Гюн получил от Председателя Правительства "
            "России М.В.Мишустина приглашение принять участие в Международном форуме «Открытые инновации», "
            "который пройдет в Москве этой осенью. Как отметил мой коллега, большие ожидания мы связываем и "
            "с очередным межрегиональным форумом, который состоится в этом году.</p>"
            "<p>Подробно говорили о работе по преодолению последствий пандемии и обеспечению "
            "санитарно-эпидемиологического благополучия наших граждан. Отметили подписанное в ноябре "
            "прошлого года соглашение между Российским фондом прямых инвестиций (РФПИ) и южнокорейской "
            "компанией GL Rapha о производстве в Корее российской вакцины «Спутник V», в том числе для "
            "последующих поставок в третьи страны.</p>"
            "<p>Приветствуем заинтересованность корейских партнеров в развитии медицинских кластеров на "
            "острове Русский и в «Сколково».</p>"
            "<p>Одной из международных тем, которым мы уделили особое внимание, стала ситуация на Корейском "
            "полуострове и в Северо-Восточной Азии в целом. Москва и Сеул по-прежнему выступают за скорейшее "
            "возобновление переговоров между сторонами в интересах прочного урегулирования всего комплекса "
            "проблем региона. Подчеркнули важность усилий по поддержанию мира и стабильности в "
            "Северо-Восточной Азии, в том числе на Корейском полуострове, что предполагает отказ сторон от "
            "гонки вооружений и наращивания любой военной активности.</p>"
            "<p>Обменялись мнениями о продвижении многосторонних инициатив по укреплению сотрудничества в "
            "Северо-Восточной Азии в различных сферах. У наших корейских друзей есть весьма интересные идеи "
            "на этот счет. Они дали оценку выдвинутым Россией предложениям.</p>"
            "<p>Обсудили развитие нашего взаимодействия в международных организациях, а именно в ООН и "
            "«Группе двадцати», а также в рамках форумов азиатско-тихоокеанского диалога. Говорили о "
            "сотрудничестве на Восточноазиатском саммите и в других структурах, созданных в контексте "
            "АСЕАН-центричной архитектуры региональной безопасности. Обе стороны заинтересованы в "
            "продолжении взаимодействия на этих открытых и, как сейчас принято говорить, инклюзивных "
            "площадках.</p>"
            "<p>Договорились поддерживать и укреплять взаимодействие между нашими внешнеполитическими "
            "ведомствами. У нас сложилась разветвленная сеть контактов на различных уровнях. Дальнейшему "
            "развитию этих связей будет способствовать план обменов между министерствами иностранных дел на "
            "2021-2022 годы, который мы только что подписали.</p>"
            "<p>Переговоры были плодотворными и своевременными. Надеюсь, что мы сможем продолжить наши "
            "контакты в ходе визита Министра иностранных дел Чон Ый Ёна в Москву. Я передал ему "
            "соответствующее приглашение.</p>"
        ),
    },
]
