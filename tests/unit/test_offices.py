"""Office reference data (data/offices/): counts per annex, cleaning functions, ids, catalogue."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop_app.domain.errors import ParameterError  # noqa: E402
from desktop_app.domain.offices_catalogue import load_office_lists, to_office  # noqa: E402
from tools.offices import cleaning  # noqa: E402

DATA = REPO / "data" / "offices"
SEEDS = REPO / ".." / "shared" / "seeds"
CYRILLIC = re.compile(f"[{cleaning.KK_LETTERS}]")
LATIN = re.compile("[A-Za-z]")


@pytest.fixture(scope="module")
def lists():
    return load_office_lists(DATA)


# --- counts and content --------------------------------------------------------------------------

def test_counts_match_the_annexes(lists):
    assert lists.regions() == ["almaty", "karaganda"]
    assert len(lists.departments("karaganda")) == 18
    assert len(lists.district_akims("karaganda")) == 18
    assert len(lists.akims("karaganda")) == 195
    assert len(lists.districts("karaganda")) == 18
    assert len(lists.departments("almaty")) == 19
    assert len(lists.akims("almaty")) == 254


def test_almaty_group_counts(lists):
    counts = {d.name_kk: len(lists.akims("almaty", d.id)) for d in lists.districts("almaty")}
    assert counts["Ақсу ауданы"] == 18 and counts["Еңбекшіқазақ ауданы"] == 26
    assert counts["Қапшағай қаласы"] == 2 and counts["Текелі қаласы"] == 0


def test_karaganda_district_counts(lists):
    by = {d.name_kk: len(lists.akims("karaganda", d.id)) for d in lists.districts("karaganda")}
    assert by["Абай ауданы"] == 13 and by["Бұқар жырау ауданы"] == 30 and by["Шет ауданы"] == 23
    assert by["Сәтбаев қаласы"] == 1 and by["Қарағанды қаласы"] == 0


def _records(lists):
    for region in lists.regions():
        yield from lists.departments(region)
        yield from lists.district_akims(region)
        yield from lists.akims(region)


def test_no_cyrillic_in_emails_and_webs(lists):
    for rec in _records(lists):
        for value in (getattr(rec, "email", ""), getattr(rec, "web", "")):
            assert not CYRILLIC.search(value), (rec.id, value)
            assert " " not in value, (rec.id, value)


def test_no_latin_lookalikes_in_kazakh_names(lists):
    for rec in _records(lists):
        for value in (rec.name_kk, getattr(rec, "address_kk", ""), getattr(rec, "address", "")):
            for word in re.findall(r"\w+", value):
                assert not (CYRILLIC.search(word) and LATIN.search(word)), (rec.id, word)


def test_known_dirty_addresses_are_cleaned(lists):
    assert lists.get("krg-dept-ulytau").email == "ulutauzhez@mail.ru"
    karaganda = lists.get("krg-district-akim-karagandy")
    assert karaganda.email == "akimat07@mail.ru"
    osak = lists.get("krg-district-akim-osakarov")
    assert (osak.email, osak.web) == ("osak_izbirkom@mail.kz", "www.osak_akimat.kz")
    assert lists.get("krg-district-akim-ulytau").email == "ulutau-akimat@mail.ru"
    assert lists.get("krg-dept-karagandy").web == "www.karaganda-akimat.kz"
    assert lists.get("krg-dept-nura").email == "nura_sob@mail.kz"


def test_raw_text_is_kept_beside_clean(lists):
    dept = lists.get("krg-dept-karagandy")
    assert "әле-\nуметтік" in dept.raw and "әлеуметтік" in dept.name_kk


def test_phones_have_no_stray_spaces(lists):
    for rec in _records(lists):
        for phone in rec.phones:
            assert re.fullmatch(r"(8 \(\d{3,6}\) )?\d+", phone), (rec.id, phone)


def test_ids_unique_and_shaped(lists):
    ids = [r.id for r in _records(lists)] + [d.id for r in lists.regions()
                                             for d in lists.districts(r)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", i) for i in ids)
    assert lists.get("krg-dept-abay").district_id == "krg-abay"


def test_duplicate_names_get_distinct_ids(lists):
    names = [a for a in lists.akims("karaganda") if a.name_kk.startswith("Қараағаш")]
    assert len(names) == 2 and names[0].id != names[1].id


def test_every_akim_maps_to_its_own_district_department(lists):
    for region in lists.regions():
        for akim in lists.akims(region):
            dept = lists.department_for(akim)
            assert dept.district_id == akim.district_id


def test_demo_office_and_to_office(lists):
    koksu = lists.get("krg-akim-abay-koksu")
    assert koksu.name_kk == "Көксу селолық округі әкімінің аппараты"
    assert koksu.postcode == "100111" and koksu.phones == ("8 (71253) 52482",)
    office = to_office(koksu, lists)
    assert office.code == "KRG-ABAY-KOKSU" and office.region == "karaganda"
    assert office.department["ru"] == "ГУ «Отдел занятости и социальных программ Абайского района»"
    assert "Абай ауданының" in office.department["kk"]
    assert office.district["kk"].endswith("Абай ауданы") and office.akim_name == ""
    assert "Коксу" in office.name["ru"]


def test_schedule_is_loaded(lists):
    balkhash = lists.get("krg-district-akim-balkash")
    first = balkhash.schedule[0]
    assert (first.who, first.weekday, first.start, first.end) == ("akim", "tuesday", "15:00",
                                                                  "16:00")


def test_broken_file_raises_parameter_error(tmp_path):
    (tmp_path / "bad.toml").write_text('region = "x"\nname = {kk="a", ru="b"}\nsource="s"\n'
                                       '[[akims]]\nid = "x-akim-a"\n', encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        load_office_lists(tmp_path)
    assert err.value.file == "bad.toml"
    (tmp_path / "bad.toml").write_text("region = ", encoding="utf-8")
    with pytest.raises(ParameterError):
        load_office_lists(tmp_path)


# --- cleaning functions --------------------------------------------------------------------------

@pytest.mark.parametrize("raw,clean", [
    ("ulutauzһez@mail.ru", "ulutauzhez@mail.ru"),
    ("аkimat07@mail.ru", "akimat07@mail.ru"),
    ("оsak_izbirkom@mail.kz", "osak_izbirkom@mail.kz"),
    ("u1utau-akimat@mai1.ru", "ulutau-akimat@mail.ru"),
    ("zhambyl. rotzszn@mail. оnline.kz", "zhambyl.rotzszn@mail.online.kz"),
    ("iIi_ akimat @mail.ru", "ili_akimat@mail.ru"),
    ("prio1@mail.kz", "prio1@mail.kz"),
])
def test_clean_email(raw, clean):
    assert cleaning.clean_email(raw) == clean


def test_fix_lookalikes_and_web():
    assert cleaning.fix_lookalikes("sоbеs@mаil.ru") == "sobes@mail.ru"
    assert cleaning.clean_web("www.osak_акимат.kz") == "www.osak_akimat.kz"
    assert cleaning.clean_web("www karaganda-akimat.kz") == "www.karaganda-akimat.kz"
    assert cleaning.clean_web("www.nurinsk.kz.") == "www.nurinsk.kz"
    assert cleaning.fix_name_lookalikes("Кoксу селолық") == "Көксу селолық".replace("ө", "о")


def test_dehyphenate():
    assert cleaning.dehyphenate("әле-\nуметтік") == "әлеуметтік"
    assert cleaning.dehyphenate("ме-\nкемесі") == "мекемесі"
    assert cleaning.dehyphenate("Ақсу-\nАюлы") == "Ақсу-Аюлы"
    assert cleaning.dehyphenate("4-\nші") == "4-\nші"
    assert cleaning.join_broken_addresses("www.abay-akimat-\nkaraganda.kz") == \
        "www.abay-akimat-karaganda.kz"
    assert cleaning.join_broken_addresses("www.nurinsk.kz.\nnura_sob@mail.kz") == \
        "www.nurinsk.kz.\nnura_sob@mail.kz"


def test_strip_page_artefacts():
    lines = ["Әкім: www.akimat-temirtau.kz", "", "Күш", "і ж", "", "ой", "ылға", "", "н", "",
             " Редакциялау күні 07.07.2009", " Сақтау күні 25.04.2024",
             " Дата редакции 07.07.2009", " Дата скачивания 25.04.2024",
             "Қазақстан Республикасының электронды нысандағы нормативтік құқықтық ",
             "актілердің эталонды бақылау банкі",
             "Эталонный контрольный банк нормативных правовых актов ",
             "Республики Казахстан в электронном виде", "1 2 3 4 5", "2 1 5",
             '"Теміртау қаласы әкімінің ']
    assert cleaning.strip_page_artefacts(lines) == [
        "Әкім: www.akimat-temirtau.kz", "2 1 5", '"Теміртау қаласы әкімінің']


def test_collapse_letterspacing():
    assert cleaning.collapse_letterspacing("А қ с у  а у д а н ы ,") == "Ақсу ауданы,"
    assert cleaning.collapse_letterspacing("Жансүг іров  кент і ,") == "Жансүгіров кенті,"


@pytest.mark.parametrize("text,phones", [
    ("(7212) 300169", ["8 (7212) 300169"]),
    ("(72156) 52578, 42893", ["8 (72156) 52578", "8 (72156) 42893"]),
    ("(87102) 922467", ["8 (7102) 922467"]),
    ("(72153) 50 566", ["8 (72153) 50566"]),
    ("872832 21732", ["8 (72832) 21732"]),
    ("8-72832 2-11-43", ["8 (72832) 21143"]),
    ("872839 872839 21349", ["8 (72839) 21349"]),
    ("3884001", ["3884001"]),
])
def test_parse_phones(text, phones):
    assert cleaning.parse_phones(text) == phones


def test_split_tel_fax():
    assert cleaning.split_tel_fax("тел. (72131) 91318, факс 91221") == (
        ["8 (72131) 91318"], "8 (72131) 91221")
    assert cleaning.split_tel_fax("тел/факс (71036) 53953") == (
        ["8 (71036) 53953"], "8 (71036) 53953")
    assert cleaning.clean_postcode("1002008") == "100208"


def test_parse_schedule_balkhash_example():
    text = ("Әкім:\nапта сайын сейсенбі күндері,\nсағ. 15.00-тен 16.00 дейін;\nОрынбасары:\n"
            "әр айдың 2, 4-ші бейсенбісі,\nсағ. 16.00-дан 18.00 дейін;\nОрынбасары:\n"
            "әр айдың 1, 3-ші дүйсенбісі,\nсағ. 16.00-дан 18.00 дейін;\nОрынбасары:\n"
            "әр айдың 2, 3-ші сәрсенбісі,\nсағ. 16.00-дан 18.00 дейін.")
    got = [(e["who"], e["weekday"], e["weeks"], e["from"], e["to"])
           for e in cleaning.parse_schedule(text)]
    assert got == [("akim", "tuesday", [], "15:00", "16:00"),
                   ("deputy", "thursday", [2, 4], "16:00", "18:00"),
                   ("deputy", "monday", [1, 3], "16:00", "18:00"),
                   ("deputy", "wednesday", [2, 3], "16:00", "18:00")]


def test_parse_schedule_other_forms():
    abay = cleaning.parse_schedule("Әкім:\nәр айдың 1, 3-ші дүйсенбісі, сағ. \n16.00 бастап;\n"
                                   "Орынбасарлары:\nапта сайын сәрсенбі күндері,\n"
                                   "сағ. 16.00-дан бастап;")
    assert [(e["weekday"], e["weeks"], e["from"], e["to"]) for e in abay] == [
        ("monday", [1, 3], "16:00", ""), ("wednesday", [], "16:00", "")]
    assert abay[1]["who"] == "deputy"
    once = cleaning.parse_schedule("Әкім: айына бір рет, сағ. 17.00-ден бастап;")[0]
    assert (once["frequency"], once["weekday"], once["from"]) == ("once_a_month", "", "17:00")
    last = cleaning.parse_schedule("Әкім: әр айдың соңғы бейсенбісі, сағ. 15.00-тен 18.00 "
                                   "дейін;")[0]
    assert (last["weekday"], last["weeks"]) == ("thursday", [-1])


def test_make_id_resolves_collisions():
    taken: set[str] = set()
    assert cleaning.make_id("krg", "akim", "Абай", "Көксу", taken) == "krg-akim-abay-koksu"
    first = cleaning.make_id("krg", "akim", "Жаңаарқа", "Қараағаш", taken, ["100505"])
    second = cleaning.make_id("krg", "akim", "Жаңаарқа", "Қараағаш", taken, ["100500"])
    assert (first, second) == ("krg-akim-zhanaarka-karaagash",
                               "krg-akim-zhanaarka-karaagash-100500")


# --- determinism against the raw seeds -----------------------------------------------------------

@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed acts not found at {SEEDS} "
                    "(the repo's ../shared/seeds); the committed data files are tested above")
def test_cleaner_is_deterministic_and_matches_committed_files():
    from tools.offices import clean_offices

    first = clean_offices.build_all(SEEDS)
    second = clean_offices.build_all(SEEDS)
    for region in ("karaganda", "almaty"):
        text = clean_offices.to_toml(first[region])
        assert text == clean_offices.to_toml(second[region])
        assert text == (DATA / f"{region}.toml").read_text(encoding="utf-8")
