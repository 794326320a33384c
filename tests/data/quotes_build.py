"""Rebuild tests/data/quotes.tsv: real passages of the train splits and the example, with
the expected quote, kind and speaker copied from the gold of those documents.

    python tests/data/quotes_build.py [SHARED_DIR] > tests/data/quotes.tsv

Passages run from the line holding the first needle to the line holding the last.
"""

import glob
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SH = (sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared")).rstrip("/") + "/"
GOLD = {}
for f in (
    glob.glob(SH + "gold/train/*.json")
    + glob.glob(str(ROOT / "benchmarks/gold/train/*.json"))
    + [SH + "gold/dev/kior-akimat-sarap.json"]
):
    d = json.loads(pathlib.Path(f).read_text(encoding="utf-8"))
    GOLD.setdefault(d["doc"], []).extend(d["quotes"])
SRC = {"examples/kior-akimat-sarap.txt": "kior"}


def src(path):
    if path in SRC:
        return SRC[path]
    if "factrueval" in path:
        return "factru:" + path.split("/")[-1][:-4]
    return "nerel:train/" + path.split("/")[-1][:-4]


def passage(path, first, last=None):
    t = pathlib.Path(SH + path).read_text(encoding="utf-8")
    i = t.find(first)
    assert i >= 0, first
    j = t.find(last, i) if last else i
    assert j >= 0, last
    a = t.rfind("\n", 0, i) + 1
    b = t.find("\n", j)
    b = len(t) if b < 0 else b
    return t[a:b]


def gold(path, needle):
    for q in GOLD.get(path, []):
        if needle in q["text"] and not q.get("optional"):
            return q
    raise KeyError(needle)


# (rule, path, passage first needle, passage last needle, quote needle, kind override or None)
CASES = [
    (
        "that_clause: a relative clause with a naming verb stays in the content (`…, чем у "
        "американцев, чьи нравы она характеризовала как «пуританские»`)",
        "corpora/nerel-1.1/train/155495_text.txt",
        "В 1982 году в беседе с кинокритиком",
        None,
        "в семьях поляков или русских",
    ),
    (
        "block: the document an impersonal cue quotes may be named far back, past a "
        "participle and a date (`В сообщении Белого дома, выпущенном в воскресенье, …, "
        "говорится:`)",
        "corpora/nerel-1.1/train/101387_text.txt",
        "В сообщении Белого дома, выпущенном",
        "Президент и госпожа Обама сегодня",
        "Президент и госпожа Обама сегодня",
    ),
    (
        "that_clause: `Правозащитные организации` are bodies of a kind, not the body named last",
        "corpora/factrueval-2016/devset/book_1256.txt",
        "Как сообщает Agence France-Presse",
        "Правозащитные организации выступают",
        "они часто нарушают права женщин",
    ),
    (
        "that_clause: the content ends before another subject's naming (`…, в ответ Онищенко "
        "назвал её «странным персонажем»`)",
        "corpora/nerel-1.1/train/41445_text.txt",
        "Именно Ольга Голодец 22 октября",
        None,
        "Геннадий Онищенко покинет свой пост",
    ),
    (
        "frame: `из` joins the source's phrase (`По словам представителя из окружения пары`)",
        "corpora/nerel-1.1/train/524786_text.txt",
        "По словам представителя из окружения пары",
        None,
        "союз заключён в начале декабря",
    ),
    (
        "frame: with no comma the source ends at a nominative noun (`По словам очевидцев "
        "пешеходы стояли`)",
        "corpora/nerel-1.1/train/21013_text.txt",
        "По словам очевидцев пешеходы",
        None,
        "пешеходы стояли возле остановки",
    ),
    (
        "frame: with no comma and no source, a preposition opens the content (`По последним "
        "данным на борту теплохода`)",
        "corpora/nerel-1.1/train/15063_text.txt",
        "Напомним, 10 июля 2011г.",
        None,
        "на борту теплохода находился 201 человек",
    ),
    (
        "frame: a name in wiki italics after its common noun (`По данным газеты ''The "
        "Washington Post''`)",
        "corpora/nerel-1.1/train/109263_text.txt",
        "По данным газеты ''The Washington Post''",
        None,
        "он преуспел и сколотил состояние",
    ),
    (
        "frame: `по официальным данным` right before a verb names no one, comma or not",
        "corpora/nerel-1.1/train/154509_text.txt",
        "В воскресенье, 1 апреля 2018 года",
        None,
        "погибло около 60 человек",
    ),
    (
        "that_clause: `упрекают X в том, что`",
        "corpora/nerel-1.1/train/158389_text.txt",
        "Некоторые наблюдатели упрекают",
        None,
        "она не «подыграла»",
    ),
    (
        "that_clause: `который` stands for the noun it agrees with (`представителя "
        "американского правительства, который заявил`)",
        "corpora/nerel-1.1/train/16404_text.txt",
        "CNN процитировало официального представителя",
        None,
        "обстоятельства исчезновения Вайнштейна",
    ),
    (
        "frame: a frame with no comma ends its source at a number (`По данным следствия 3 "
        "февраля … Пётр Завьялов …`): the name after it is no source",
        "corpora/nerel-1.1/train/106555_text.txt",
        "По данным следствия 3 февраля",
        None,
        "3 февраля 2016 года в квартире",
    ),
    (
        "that_clause: `счёл, что` is a cue",
        "corpora/nerel-1.1/train/18805_text.txt",
        "Суд также счел, что",
        None,
        "российская сторона не предоставила",
    ),
    (
        "that_clause: a gerund's content set off by commas ends where the sentence's own verb "
        "returns (`Защитник Юрия, ссылаясь на то, что …, попросил`)",
        "corpora/nerel-1.1/train/27534_text.txt",
        "Защитник Юрия, ссылаясь",
        None,
        "мужчина раскаялся и сотрудничал",
    ),
    (
        "that_clause: a woman's name before a masculine verb is not its subject "
        "(`Представитель Лопес сообщил`)",
        "corpora/nerel-1.1/train/39363_text.txt",
        "Представитель Лопес сообщил",
        None,
        "выступление певицы было частью",
    ),
    (
        "block: an impersonal cue announces it (`В заявлении на официальном сайте московского "
        "клуба говорится:`), and the body owning the site speaks",
        "corpora/nerel-1.1/train/104472_text.txt",
        "В заявлении на официальном сайте",
        "5 августа главный тренер «Спартака»",
        "5 августа главный тренер «Спартака»",
    ),
    (
        "block: a generic `организация` takes up the organisation named last",
        "corpora/nerel-1.1/train/133121_text.txt",
        "Исключение члена из Гильдии продюсеров Америки",
        "Этот беспрецедентный шаг",
        "Этот беспрецедентный шаг",
    ),
    (
        "frame: `Согласно предварительным данным` names no one, so not the previous speaker",
        "corpora/nerel-1.1/train/128624_text.txt",
        "По словам Шевченко, в 2017 году",
        "Согласно предварительным данным",
        "в автомобиле сработало взрывное устройство",
    ),
    (
        "that_clause: a numeral with its genitive phrase is the subject "
        "(`Несколько розничных торговых сетей объявили`)",
        "corpora/nerel-1.1/train/39824_text.txt",
        "Несколько розничных торговых сетей",
        None,
        "они не будут продавать этот номер",
    ),
    (
        "that_clause: a quantifying determiner alone is the subject (`Некоторые считают`)",
        "corpora/factrueval-2016/devset/book_455.txt",
        "Некоторые считают, что коды",
        None,
        "коды интерфейса это стандартное",
    ),
    (
        "inverted: a plural verb with no subject and the body where it was said "
        "(`…, сообщили в пресс-службе оборонного ведомства`)",
        "corpora/nerel-1.1/train/063.txt",
        "61-летний генерал армии",
        None,
        "61-летний генерал армии",
    ),
    (
        "frame: `Как было объявлено` (a passive after its auxiliary) names nobody",
        "corpora/factrueval-2016/devset/book_117.txt",
        "Как было объявлено",
        None,
        "президент Франции прибыл в Вашингтон",
    ),
    (
        "frame: `В соответствии с прогнозом ФАО`: an organisation's forecast speaks for it",
        "corpora/factrueval-2016/devset/book_127.txt",
        "В соответствии с прогнозом ФАО",
        None,
        "в текущем году цены на импорт",
    ),
    (
        "frame: the named source's apposition and its relative clause are no content "
        "(`Как заявила Мария Фомушина, пресс-секретарь суда, который …, Данилов …`)",
        "corpora/nerel-1.1/train/20849_text.txt",
        "Как заявила Мария Фомушина",
        None,
        "Данилов уже отбыл две трети",
    ),
    (
        "frame: `их` is the coordinated subject before (`ГИБДД и МЧС опровергли`), not the "
        "previous quote's source",
        "corpora/nerel-1.1/train/141724_text.txt",
        "Дежурный сказал",
        "По их информации",
        "есть данные только о трёх",
    ),
    (
        "block: `департамент` names a body that speaks before a colon",
        "corpora/nerel-1.1/train/141724_text.txt",
        "Столичный департамент транспорта сообщает",
        "У водителя автобуса",
        "У водителя автобуса",
    ),
    (
        "colon: a closing `сообщает Лента.ру` names the outlet, not the speaker the colon gives",
        "corpora/factrueval-2016/devset/book_317.txt",
        "Наибольшее возмущение у архитекторов",
        None,
        "Я убежден, что Большой театр",
    ),
    (
        "frame: a body named by a common noun (`По данным правоохранительных органов`)",
        "corpora/nerel-1.1/train/26827_text.txt",
        "По данным правоохранительных органов",
        None,
        "следов ограбления в квартире нет",
    ),
    (
        "inverted: `официальные лица` speak; a lone `С` opens the content, not an intro",
        "corpora/nerel-1.1/train/121454_text.txt",
        "С вертолета было произведено",
        None,
        "С вертолета было произведено",
    ),
    (
        "after: a name in quotation marks inside the attribution clause does not end it",
        "corpora/factrueval-2016/devset/book_317.txt",
        "Наибольшее возмущение у архитекторов",
        None,
        "По отношению к Большому театру",
    ),
    (
        "frame: `По имеющейся информации` with no comma after it opens its sentence's report",
        "corpora/nerel-1.1/train/22581_text.txt",
        "По имеющейся информации",
        None,
        "46 детей, которых ранее",
    ),
    (
        "that_clause: `сославшись на то, что`",
        "corpora/nerel-1.1/train/23466_text.txt",
        "сославшись на то, что",
        None,
        "не обладает достаточными",
    ),
    (
        "that_clause: `мотивировало своё решение тем, что`; it ends before `— оно опасалось`",
        "corpora/nerel-1.1/train/512873_text.txt",
        "Руководство магазина мотивировало",
        None,
        "на обложке была изображена",
    ),
    (
        "speaker_after_cue: a date set off by commas before the subject (`, 8 июля 2018 года,`)",
        "corpora/nerel-1.1/train/165973_text.txt",
        "44-летняя Дон Стерджесс",
        None,
        "скончалась в больнице",
    ),
    (
        "speaker_in_frame: an organisation in Latin letters (`По данным Global Times`)",
        "corpora/nerel-1.1/train/14851_text.txt",
        "По данным Global Times",
        None,
        "хорошо просматривается",
    ),
    (
        "speaker_in_frame: a side of a trial speaks (`по данным обвинения`)",
        "corpora/nerel-1.1/train/23466_text.txt",
        "по данным обвинения",
        None,
        "занимались мошенничеством",
    ),
    (
        "speaker_subject_of_cue: a museum is a body that speaks (`Исторический музей посчитал`)",
        "corpora/nerel-1.1/train/512873_text.txt",
        "Исторический музей посчитал",
        None,
        "крайне неэтичной",
    ),
    (
        "speaker_subject_of_cue: a possessed role is someone's else (`Его адвокат сообщил`)",
        "corpora/nerel-1.1/train/83187_text.txt",
        "Его адвокат сообщил",
        None,
        "Кинг умер во сне",
    ),
    (
        "speaker_in_frame: `По словам адвоката` after `Его адвокат сообщил` is that адвокат",
        "corpora/nerel-1.1/train/83187_text.txt",
        "Его адвокат сообщил",
        None,
        "ведется подготовка к похоронам",
    ),
    (
        "speaker_subject_of_cue: `он` after a quote whose speaker an inverted verb gendered",
        "corpora/nerel-1.1/train/145077_text.txt",
        "Ведущий сербский политик в Косово",
        "Он сказал, что Иванович",
        "Иванович получил пять пулевых ранений",
    ),
    (
        "speaker_subject_of_cue: a name after a dative is whom the source told",
        "corpora/nerel-1.1/train/512873_text.txt",
        "В пресс-службе ГИМ журналистам",
        None,
        "в ноябрьском номере журнала",
    ),
    (
        "speaker_before_colon: `…, но сказал:` shares the subject before the clause's verb",
        "corpora/nerel-1.1/train/3366_text.txt",
        "Последний единый чемпион мира",
        None,
        "не фаворит, как многие",
    ),
    (
        "naming: a participle in the instrumental after the named words is theirs",
        "corpora/nerel-1.1/train/11127_text.txt",
        "Ранее Мейрид Корриган Магуайр назвала",
        None,
        "государством апартеида",
    ),
    (
        "speaker_in_frame: его stands for the one cited just before (со ссылкой на представителя)",
        "corpora/nerel-1.1/train/598_.txt",
        "Основатель крупнейшей в мире",
        "По его словам",
        "Кампрад-старший больше",
    ),
    (
        "that_clause: a quoted clause ends before `, и` and the main verb again",
        "corpora/nerel-1.1/train/156119_text.txt",
        "Путин заявил, что",
        None,
        "в России высоко ценят",
    ),
    (
        "speaker_in_frame: он stands for an unnamed holder of a post (Представитель … сообщил)",
        "corpora/factrueval-2016/devset/book_131.txt",
        "Представитель Министерства сельского",
        "он заявил, что",
        "уровень содержания",
    ),
    (
        "speaker_in_frame: a bare role word takes up the subject before (как отметил премьер)",
        "corpora/factrueval-2016/devset/book_349.txt",
        "Воскресное заседание кабинета",
        "Как отметил премьер",
        "мир должен знать",
    ),
    (
        "speaker_subject_of_cue: a verb after its sentence's quote shares its subject",
        "corpora/nerel-1.1/train/150842_text.txt",
        "Ивоби отверг обвинения",
        "Политик заявил",
        "там ранее была",
    ),
    (
        "resolve_pronoun: a surname of either gender does not bar её",
        "corpora/nerel-1.1/train/38176_text.txt",
        "Манзарек умер в германском",
        "По ее словам",
        "менеджер музыканта",
    ),
    (
        "plural antecedent: a counted genitive subject (пишут несколько СМИ)",
        "corpora/nerel-1.1/train/506305_text.txt",
        "Актриса Анастасия Заворотнюк находится",
        "По их данным",
        "у 48-летней актрисы",
    ),
    (
        "speaker_before_colon",
        "examples/kior-akimat-sarap.txt",
        "Председатель Правления КИОР Асылбек",
        None,
        "В нынешнем Послании",
    ),
    (
        "speaker_subject_of_cue: pronoun он",
        "examples/kior-akimat-sarap.txt",
        "Председатель Правления КИОР Асылбек",
        "считает он",
        "сейчас необходимо",
    ),
    (
        "marks: collapsed nesting «X» Y», — считает он",
        "examples/kior-akimat-sarap.txt",
        "Председатель Правления КИОР Асылбек",
        "считает он",
        "Бюджет участия",
    ),
    (
        "speaker_after_cue: surname",
        "examples/kior-akimat-sarap.txt",
        "Резюмируя выступления",
        None,
        "У КИОРа",
    ),
    (
        "speaker_subject_of_cue: descriptor",
        "examples/kior-akimat-sarap.txt",
        "эксперты также отметили",
        None,
        "ключевой аспект",
    ),
    (
        "that_clause: выразил уверенность, что",
        "examples/kior-akimat-sarap.txt",
        "Галым Байтук выразил",
        None,
        "прямые выборы",
    ),
    (
        "that_clause: mixed, слова о том, что",
        "examples/kior-akimat-sarap.txt",
        "политолог Елдос Жумагулов",
        None,
        "госаппарат должен",
    ),
    (
        "speaker_in_frame: по его словам",
        "corpora/nerel-1.1/train/122283_text.txt",
        "Отмечается, что Сантос",
        None,
        "в середине 1970-х",
    ),
    (
        "speaker_after_cue: как сообщает РБК",
        "corpora/factrueval-2016/devset/book_260.txt",
        "Посол Японии в России",
        None,
        "решение об увольнении",
    ),
    (
        "speaker_impersonal: предполагается, что",
        "corpora/factrueval-2016/devset/book_260.txt",
        "Посол Японии в России",
        None,
        "его место займёт",
    ),
    (
        "inverted: сообщил РИА Новости представитель",
        "corpora/nerel-1.1/train/1015.txt",
        "Число кандидатов на пост мэра",
        None,
        "Число кандидатов",
    ),
    (
        "split: «A, — говорится в заявлении X. — B»",
        "corpora/nerel-1.1/train/38891_text.txt",
        "телекомпании НВО.",
        "Мы все испытываем шок",
        "Мы все испытываем",
    ),
    (
        "split: second piece; resolve_org_noun: телекомпания → НВО",
        "corpora/nerel-1.1/train/38891_text.txt",
        "телекомпании НВО.",
        "Мы все испытываем шок",
        "Он был особой личностью",
    ),
    (
        "that_clause: mixed, заявил, что … «…»",
        "corpora/factrueval-2016/devset/book_260.txt",
        "Напомним также",
        None,
        "этот визит",
    ),
    (
        "that_clause: a second report after «, а»",
        "corpora/factrueval-2016/devset/book_260.txt",
        "Напомним также",
        None,
        "этот поступок",
    ),
    (
        "naming: назвал X Y-ым",
        "corpora/factrueval-2016/devset/book_154.txt",
        "Президент Грузии Михаил Сааакашвили объявил",
        None,
        "итоги выборов",
    ),
    (
        "follows: a quote after an attributed one",
        "corpora/nerel-1.1/train/3248_text.txt",
        "Я потрясен",
        "огромная потеря",
        "огромная потеря",
    ),
    (
        "resolve_role: министр → the minister named before",
        "corpora/factrueval-2016/devset/book_383.txt",
        "Министр связи и коммуникаций",
        "Министр также заверил",
        "Россия со своей стороны",
    ),
    (
        "speaker_of_gerund_host: добавив, что",
        "corpora/nerel-1.1/train/149913_text.txt",
        "54-летний король проходил",
        None,
        "у него было диагностировано",
    ),
    (
        "speaker_subject_of_cue: в Минсвязи уверены",
        "corpora/factrueval-2016/devset/book_383.txt",
        "В Минсвязи уверены",
        None,
        "после пересмотра",
    ),
    (
        "split: hyphen as a dash",
        "corpora/factrueval-2016/devset/book_290.txt",
        "Японское правительство, очевидно",
        None,
        "Особенно печально",
    ),
    (
        "speaker_subject_of_cue: subject before a participial phrase",
        "corpora/factrueval-2016/devset/book_124.txt",
        "Врачи, прооперировавшие",
        None,
        "они настроены",
    ),
    (
        "speaker_subject_of_cue: который",
        "corpora/nerel-1.1/train/21274_text.txt",
        "В частности, возле здания суда",
        None,
        "на правоохранительные органы",
    ),
    (
        "colon_before: wiki italics around the marks",
        "corpora/nerel-1.1/train/21274_text.txt",
        "Отец Ивана Агафонова не дослушал",
        None,
        "Не могу слушать",
    ),
    (
        "speaker_after_cue: the outlet is the addressee",
        "corpora/nerel-1.1/train/1021.txt",
        "Министр экономики Калининградской",
        None,
        "Министр экономики",
    ),
    (
        "transcript: Имя Фамилия: …",
        "corpora/factrueval-2016/devset/book_142.txt",
        "Голос Америки: Ранее СМИ",
        "Мустафа Джемилев: Да, всё верно",
        "Да, всё верно",
    ),
    (
        "parenthetical: X, уточняет газета «Труд», …",
        "corpora/factrueval-2016/devset/book_290.txt",
        "Одна из групп протестующих",
        None,
        "пришла к российской дипмиссии",
    ),
    (
        "block_after_colon: a cue and a colon end the paragraph before",
        "corpora/nerel-1.1/train/37695_text.txt",
        "Вчера Сурков пренебрежительно",
        "Я графоманию не комментирую",
        "Я графоманию не комментирую",
    ),
    (
        "that_clause: a noun of speech (информация о том, что), nobody named",
        "corpora/nerel-1.1/train/28074_text.txt",
        "появилась информация о том",
        None,
        "родные Березовского",
    ),
    (
        "speaker_subject_of_cue: который stands for the noun before it",
        "corpora/nerel-1.1/train/1109.txt",
        "Сбылись прогнозы тех политических",
        None,
        "властный по своей натуре",
    ),
    (
        "resolve_role: a long role phrase introduced the name (председатель правления … «X»)",
        "corpora/nerel-1.1/train/16642_text.txt",
        "Председатель правления межрегиональной",
        "одними законами тут не обойтись",
        "одними законами тут не обойтись",
    ),
    (
        "resolve_role: a role phrase holding a name with `!` (группы «Экозащита!»)",
        "corpora/nerel-1.1/train/16642_text.txt",
        "Сопредседатель группы «Экозащита!»",
        "заключил сопредседатель группы",
        "Это можно сделать на законодательном уровне",
    ),
    (
        'speaker_before_colon: a quoted outlet name is not a quote\'s end (Источник "Ъ" в …:)',
        "corpora/nerel-1.1/train/014.txt",
        'Источник "Ъ" в правительстве пояснил',
        None,
        "Все ждали, что Путин",
    ),
    (
        "speaker_in_frame: a statement with no owner is the previous source's (Согласно сообщению)",
        "corpora/nerel-1.1/train/003.txt",
        "Пресс-служба отмечает, что на момент обыска",
        "Согласно сообщению, в доме",
        "в доме было обнаружено и значительное количество боеприпасов",
    ),
    (
        "display_name: the canonical surname written as such stands (Амстель, not Амстеля)",
        "corpora/nerel-1.1/train/1021.txt",
        "Министр экономики Калининградской области Вадим Амстель",
        "Мое решение продиктовано",
        "Мое решение продиктовано семейными обстоятельствами",
    ),
    (
        "that_clause: a noun of speech opens a content clause (даёт объяснение …, что)",
        "corpora/factrueval-2016/devset/book_438.txt",
        "Представитель Роскосмоса Александр Воробьёв даёт",
        None,
        "это происки врагов",
    ),
    (
        "собеседник: the источник introduced just before, not the previous quote's speaker",
        "corpora/nerel-1.1/train/013.txt",
        "Причиной очередной отставки источник",
        None,
        "После ухода Радия Хабирова администрация",
    ),
    (
        'frame: как пояснили "Ъ" в Минэнерго: the body after the outlet the source spoke to',
        "corpora/nerel-1.1/train/014.txt",
        "Формальный повод отложить выбор",
        None,
        "для его избрания необходимо",
    ),
    (
        "content_end: `, а он` + a verb turns to the author's narration",
        "corpora/nerel-1.1/train/11899_text.txt",
        "Также он подозревает, что его дочь",
        None,
        "его дочь была увезена в Парагвай или Боливию",
    ),
    (
        "content_end: `и добавил, что` ends the clause before it, comma or not",
        "corpora/nerel-1.1/train/27428_text.txt",
        "В интервью Сомалийской службе",
        None,
        "очень рад выходу на свободу",
    ),
    (
        "speaker_impersonal: В сообщении говорится: the owner quoted last",
        "corpora/nerel-1.1/train/22582_text.txt",
        "Центральное телеграфное агентство Кореи (ЦТАК) сообщило",
        "В сообщении говорится",
        "Бэ Чжун Хо был арестован 3 ноября",
    ),
    (
        "impersonal: указывается, что reports with no speaker",
        "corpora/nerel-1.1/train/11556_text.txt",
        "Кроме того, указывается",
        None,
        "в 2010 году отмечается 75-летие",
    ),
    (
        "speaker_after_cue: сообщили РИА Новости в пресс-службе базы: the body, not the outlet",
        "corpora/nerel-1.1/train/003.txt",
        '"Всеми вопросами, связанными с данным',
        None,
        "Всеми вопросами, связанными с данным случаем",
    ),
    (
        "frame: a frame set off inside a report (X, по данным газеты, отметила, что) is no source",
        "corpora/factrueval-2016/devset/book_290.txt",
        "Японская полиция, по данным газеты",
        None,
        "в этом году число представителей радикальных",
    ),
    (
        "pronoun: он after a sentence whose reporter is один из участников",
        "corpora/nerel-1.1/train/014.txt",
        'Это подтвердил "Ъ" один из участников',
        None,
        "У нас есть возможность рассмотреть текущие",
    ),
    (
        "listed: a name in a list after a dash is no subject (имена — Алёша и Соня, она отмечала)",
        "corpora/nerel-1.1/train/155495_text.txt",
        "Немецкая актриса Настасья Кински",
        "тоже были такие имена",
        "у детей Достоевского",
    ),
    (
        "resolve_pronoun: a subject two sentences back beats a nearer genitive name",
        "corpora/nerel-1.1/train/42258_text.txt",
        "Владимир является учеником Олега Табакова",
        "доволен личной жизнью",
        "он доволен личной жизнью",
    ),
    (
        "multiword cue: давал понять, что (models/cues_multiword.txt)",
        "corpora/nerel-1.1/train/2552_text.txt",
        "Об этом Юханссон заявил на шведском телевидении",
        None,
        "он не будет больше выставлять",
    ),
    (
        "speaker_subject_of_cue: a sentence-opening name before a verb, tagged genitive",
        "corpora/nerel-1.1/train/108694_text.txt",
        "Это привело к противостоянию, которое длилось 51 день",
        None,
        "эти события худшим днём",
    ),
]
rows = []
CASES += [
    (
        "speaker_of_previous_quote: a direct quote a paragraph on goes on with the last voice",
        "corpora/factrueval-2016/devset/book_461.txt",
        "Академик Сагдеев сказал",
        "это иллюзия",
        "вся эта шумиха",
    ),
    (
        "speaker_of_previous_quote: not for an impersonal passive (Было заявлено, что)",
        "corpora/factrueval-2016/devset/book_438.txt",
        "Представитель Роскосмоса Александр Воробьёв",
        "Было заявлено",
        "солнечная батарея",
    ),
    (
        "speaker_of_previous_quote: not for an indefinite-personal cue (Ему сообщили, что)",
        "corpora/nerel-1.1/train/90693_text.txt",
        "Как сообщил репортерам адвокат",
        "Ему сообщили",
        "обвинение в совершении",
    ),
    (
        "speaker_impersonal: a time (19 часов) is no source (подчёркивалось, что)",
        "corpora/factrueval-2016/devset/book_100.txt",
        "Начало акции",
        None,
        "она состоится",
    ),
]
CASES += [
    (
        "speaker_before_colon: a surname in its nominative is the subject whatever its tag",
        "corpora/nerel-1.1/train/2552_text.txt",
        "Франц Бекенбауэр",
        "Бекенбауэр свой интерес",
        "Это было бы задание",
    ),
    (
        "speaker_before_colon: a relative clause with no speech in it is not the source",
        "corpora/nerel-1.1/train/129326_text.txt",
        "Американская певица и актриса Селена",
        "Знаю, многие мои поклонники",
        "многие мои поклонники",
    ),
]
CASES.append(
    (
        "speaker_after_cue: a list of titles runs up to the name (актер, продюсер и директор X)",
        "corpora/nerel-1.1/train/40631_text.txt",
        "«Вентворт Миллер",
        None,
        "молодец",
    )
)
CASES.append(
    (
        "speaker_before_colon: она is the woman the verbs before call a woman (Мартина Биг)",
        "corpora/nerel-1.1/train/125048_text.txt",
        "28-летняя немка Мартина Биг",
        "Ребенком я восхищалась",
        "Ребенком я восхищалась",
    )
)
CASES.append(
    (
        "speaker_before_colon: a report ending in a colon goes on in the speaker's own words",
        "corpora/nerel-1.1/train/23275_text.txt",
        "Позже, в интервью газете Nice Matin",
        "По словам актрисы",
        "Я больше не поддерживаю",
    )
)
CASES.append(
    (
        "speaker_in_frame: по их словам → the plural source before",
        "corpora/nerel-1.1/train/39442_text.txt",
        "4 июля 2013 года представители армии",
        "По их словам",
        "привентивный",
    )
)
CASES += [
    (
        "speaker_in_frame: по словам одного из X → один из X",
        "corpora/nerel-1.1/train/570.txt",
        "По словам одного из советников",
        None,
        "вел долгий торг",
    ),
    (
        "speaker_subject_of_cue: он after a report is its clause's subject, not its source",
        "corpora/nerel-1.1/train/570.txt",
        "По словам одного из советников",
        "себя экспертом",
        "себя экспертом",
    ),
    (
        "speaker_subject_of_cue: an outlet's name in marks opening the clause is its subject",
        "corpora/nerel-1.1/train/203.txt",
        "также писали, что",
        None,
        "хотел уйти еще годом ранее",
    ),
]
CASES.append(
    (
        "speaker_after_cue: цитирует X <person> → the person quoted (a domain name is no stop)",
        "corpora/factrueval-2016/devset/book_475.txt",
        "«В России мы встречались",
        None,
        "В России мы встречались",
    )
)
CASES.append(
    (
        "speaker_after_cue: как сообщили из X → the body X",
        "corpora/nerel-1.1/train/23445_text.txt",
        "Как сообщили из федеральной прокуратуры",
        None,
        "завербовали этих трех",
    )
)
CASES.append(
    (
        "speaker_in_frame: по её данным after газета X → the newspaper",
        "corpora/nerel-1.1/train/022.txt",
        "Об этом пишет газета",
        None,
        "все потенциальные претенденты",
    )
)
CASES.append(
    (
        "speaker_before_colon: a report ending in a colon, the quote on the next line",
        "corpora/nerel-1.1/train/133112_text.txt",
        "По словам Рэппа, в этот момент",
        "Он подхватил меня",
        "Он подхватил меня",
    )
)
CASES.append(
    (
        "speaker_before_colon: a name in marks right before the colon is not a quote's end",
        "corpora/nerel-1.1/train/39442_text.txt",
        "Ранее эту же информацию сообщал",
        None,
        "Мурси изолировали",
    )
)
CASES += [
    (
        "speaker_subject_of_cue: a descriptor named by a nickname (Пользователь ЖЖ zyalt)",
        "corpora/factrueval-2016/devset/book_100.txt",
        "Пользователь ЖЖ zyalt",
        None,
        "среди задержанных оказался",
    ),
    (
        "speaker_before_colon: актриса is no man, whatever role words they share",
        "corpora/factrueval-2016/devset/book_271.txt",
        "30 марта 2011 года",
        "Напишите просто",
        "Напишите просто",
    ),
]
CASES.append(
    (
        'speaker_subject_of_cue: в мэрии "Ъ" сообщили → the city hall, not the outlet told',
        "corpora/nerel-1.1/train/013.txt",
        "В уфимской мэрии",
        None,
        "получил новое назначение",
    )
)
CASES += [
    (
        "speaker_subject_of_cue: `Насира обвинили` — a plural cue whose object is fronted has "
        "no named source, not the previous quote's",
        "corpora/nerel-1.1/train/23445_text.txt",
        "Адвокат Насира заявил",
        None,
        "участвовал в заговоре",
    ),
    (
        "speaker_subject_of_cue: `ученик школы, его подозревают` — a singular noun before a "
        "plural cue is not its subject",
        "corpora/nerel-1.1/train/160284_text.txt",
        "Полиция задержала стрелка",
        None,
        "он помогал стрелку",
    ),
    (
        "speaker_subject_of_cue: `журналисты …, которых обвиняли` — the relative is the object",
        "corpora/nerel-1.1/train/22582_text.txt",
        "За последние годы",
        None,
        "пытались обратить",
    ),
    (
        "impersonal: `США обвиняются в том, что` reports with no speaker",
        "corpora/factrueval-2016/devset/book_282.txt",
        "США обвиняются",
        None,
        "подозреваемые в терроризме перевозились",
    ),
]
CASES.append(
    (
        "speaker_after_cue: `он` → a man whose first name reads as a plural genitive (`Эд`)",
        "corpora/nerel-1.1/train/160284_text.txt",
        "Полиция задержала стрелка",
        "Всего (убито)",
        "порядка восьми или десяти",
    )
)
CASES += [
    (
        "stacked reports: `добавив, что полиция считает, что` is the police's",
        "corpora/nerel-1.1/train/160284_text.txt",
        "По словам шерифа округа",
        "добавив, что полиция",
        "стрелок также был учеником",
    ),
    (
        "speaker_subject_of_cue: `судья заявила` is a woman, not the man the sentence before",
        "corpora/factrueval-2016/devset/book_347.txt",
        "Судом Партизанского района",
        "судья заявила",
        "с ноября по декабрь 2010 года",
    ),
]
CASES += [
    (
        "cues: `Эксперты не исключают, что` (исключать)",
        "corpora/factrueval-2016/devset/book_434.txt",
        "Эксперты не исключают",
        None,
        "конфликт акционеров",
    ),
    (
        "cues: `Перепёлкин, которому …, оповестил всех партнёров … о том, что` (оповестить)",
        "corpora/factrueval-2016/devset/book_434.txt",
        "Напомним, после разлада",
        None,
        "крадут доходы канала",
    ),
    (
        "cues: `Свой отказ Нетаньяху мотивировал тем, что` (мотивировать)",
        "corpora/factrueval-2016/devset/book_301.txt",
        "Премьер-министр Израиля заявил",
        None,
        "получил данные о заговоре",
    ),
]
CASES += [
    (
        "speaker_in_frame: a Latin name is the source (По данным The Wall Street Journal)",
        "corpora/nerel-1.1/train/023.txt",
        "По данным The Wall Street Journal",
        None,
        "претендовали 11 кандидатов",
    ),
    (
        "speaker_in_frame: an untagged Latin name is the source (Согласно comScore)",
        "corpora/factrueval-2016/devset/book_344.txt",
        "Эксперты компании убеждены",
        None,
        "зашло более 1 млрд человек",
    ),
]
CASES += [
    (
        "impersonal: `В заявлении также говорится` → the body whose statement was quoted last",
        "corpora/nerel-1.1/train/132779_text.txt",
        "В заявлении МВД, опубликованном",
        "В заявлении также говорится",
        "охранником Мосийчука",
    ),
    (
        "speaker_subject_of_cue: `В офисе шерифа округа подтвердили` → the office",
        "corpora/nerel-1.1/train/160284_text.txt",
        "В офисе шерифа округа подтвердили",
        None,
        "нападавший задержан",
    ),
]
CASES += [
    (
        "content_end: `— он назвал …` (a dash, a pronoun and a verb) ends the content clause",
        "corpora/nerel-1.1/train/141084_text.txt",
        "Его отец сказал",
        None,
        "шокирован известием об аресте",
    ),
    (
        "naming: instrumental appositions after the predicate are named too (мирным мусульманином)",
        "corpora/nerel-1.1/train/141084_text.txt",
        "Его отец сказал",
        None,
        "сына добрым и нежным человеком",
    ),
    (
        "naming: `одной из тех, которые «…»`: an apposition and the relative clause it asks for",
        "corpora/nerel-1.1/train/160284_text.txt",
        "На трагедию сразу отреагировал",
        "Позднее президент, выступая",
        "абсолютно ужасной атакой",
    ),
]
CASES.append(
    (
        "speaker_subject_of_cue: `канцелярия правительства Израиля сообщает` → the body",
        "corpora/factrueval-2016/devset/book_301.txt",
        "Изначально визит Нетаньяху",
        None,
        "вместо Нетаньяху Иерусалим будет представлять",
    )
)
CASES.append(
    (
        "speaker_after_cue: `…: «…», — сказал президент РФ` is the quotation's, not the sentence's",
        "corpora/nerel-1.1/train/23012_text.txt",
        "Как заявил в четверг 27 декабря",
        None,
        "Я пока не вижу оснований",
    )
)
CASES.append(
    (
        "speaker_impersonal: `В заявлении Нобелевского комитета было сказано` → the committee",
        "corpora/nerel-1.1/train/107644_text.txt",
        "В заявлении Нобелевского комитета",
        None,
        "премия Фо присуждается",
    )
)
CASES.append(
    (
        "frames: `…решения, согласно которым …` is a relative clause, no frame to cut at",
        "corpora/nerel-1.1/train/159193_text.txt",
        "По данным миланской газеты",
        None,
        "постановление надзорного суда отменяет",
    )
)
CASES.append(
    (
        "speaker_subject_of_cue: `в Иране считают` → the country, the place of a subjectless cue",
        "corpora/nerel-1.1/train/022.txt",
        "Россия попытается перенести выборы",
        None,
        "генсеком может стать",
    )
)
for rule, path, first, last, needle in CASES:
    q = gold(path, needle)
    rows.append(
        {
            "rule": rule,
            "source": src(path),
            "passage": passage(path, first, last).replace("\n", "\\n"),
            "quote": q["text"].replace("\n", "\\n"),
            "kind": q["kind"],
            "speaker": " | ".join([q.get("speaker") or "-", *(q.get("speaker_aliases") or [])]),
        }
    )
NONE = [
    (
        "block_after_colon: after two blank lines the colon's block was lost from the page",
        "corpora/nerel-1.1/train/534919_text.txt",
        "Northrop Grumman так объяснила",
        "Роберт Генри Лоуренс-младший",
    ),
    (
        'not a quote: a short name right after its noun (группировкой "Исламский джихад")',
        "corpora/nerel-1.1/train/29_11_12b.txt",
        "Между тем масс-медиа",
        None,
        ("Исламский", "джихад"),
    ),
    (
        "not a quote: a list of titles in quotation marks («Квант», «Химия и жизнь»)",
        "corpora/nerel-1.1/train/106106_text.txt",
        "Занимался оформлением книг",
        None,
    ),
    (
        "in_headline: headlines are not annotated",
        "corpora/nerel-1.1/train/42258_text.txt",
        "Машков: «Многие мои герои",
        None,
    ),
    (
        "not a quote: a name in quotation marks",
        "examples/kior-akimat-sarap.txt",
        "Мероприятие было организовано",
        None,
    ),
    (
        "not a quote: no content clause (высказались по Концепции)",
        "examples/kior-akimat-sarap.txt",
        "Во время обсуждения участники",
        None,
    ),
    (
        "not a quote: the authorial напомним over a nested report",
        "corpora/factrueval-2016/devset/book_260.txt",
        "Напомним также",
        None,
        ("после поездки", "сожаление»"),
    ),
    (
        "not a quote: a frame set off inside a report (X, по данным газеты, отметила, что)",
        "corpora/factrueval-2016/devset/book_290.txt",
        "Японская полиция, по данным газеты",
        None,
        ("отметила, что в этом году", "в прошлые годы"),
    ),
]
NONE.append(
    (
        "stacked reports: not the outer layer `По словам источника, [новый министр заявил, …]`",
        "corpora/nerel-1.1/train/80102_text.txt",
        "Как рассказал высокопоставленный",
        None,
        ("новый министр заявил", "сотрудников министерства"),
    )
)
NONE.append(
    (
        "cues: `не исключено, что` is the author's hedge, not a report",
        "corpora/nerel-1.1/train/1106.txt",
        "Не исключено, что к XIV веку",
        None,
        ("к XIV веку", "орудий труда"),
    )
)
NONE.append(
    (
        "not a quote: `«Лидс», которого считают …` — a relative clause about a nickname",
        "corpora/nerel-1.1/train/18920_text.txt",
        "Шведский защитник",
        None,
        ("Лидс", "Лидс"),
    )
)
NONE.append(
    (
        "not a quote: `«…», как подчеркнула Симоньян, это …` — the name is the subject",
        "corpora/nerel-1.1/train/38456_text.txt",
        "как подчеркнула Симоньян",
        None,
        ("Политика с Ларри Кингом", "Политика с Ларри Кингом"),
    )
)
for rule, path, first, last, *refused in NONE:
    text = passage(path, first, last)
    quote = "-"
    if refused:  # a span that must not be returned, from one needle to the end of another
        begin, end = refused[0]
        quote = "!" + text[text.find(begin) : text.find(end) + len(end)]
    rows.append(
        {
            "rule": rule,
            "source": src(path),
            "passage": text.replace("\n", "\\n"),
            "quote": quote,
            "kind": "-",
            "speaker": "-",
        }
    )
if True:
    f = sys.stdout
    f.write(
        "# Quote cases: real passages with a quote the stage must find (kind, speaker), "
        'or "-" for none; "!" marks a span it must not return.\n'
    )
    f.write(
        "# Sources and licences: tests/data/quotes_README.md. Rebuilt by "
        "tests/data/quotes_build.py from shared/gold (train splits and the example).\n"
    )
    # plain tab-joined fields: the test reads them with csv.QUOTE_NONE, so `"` needs no escape
    columns = ["rule", "source", "passage", "quote", "kind", "speaker"]
    f.write("\t".join(columns) + "\n")
    for r in rows:
        assert "\t" not in "".join(r.values())
        f.write("\t".join(r[c] for c in columns) + "\n")
