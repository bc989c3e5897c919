#!/usr/bin/env python3
"""Generate a realistic, synthetic Swedish catalogue in the real export format.

The catalogue is built from word banks and sentence templates in the style of the bundled
Sörmland catalogue: municipalities and regions with å/ä/ö in their names, contacts with
Swedish first and last names, titles, e-mail addresses and phone numbers, examples and work
items with long Swedish texts full of compounds, vocabularies taken from the bundled source,
and component statuses. The same ``--entries`` and ``--seed`` always give the same data.

The export is written with the project's own publish functions, so it is exactly what a
publisher would produce::

    python benchmarks/generate_catalogue.py --entries 100000 --out /tmp/tfbb-100k.zip
    python benchmarks/generate_catalogue.py --entries 1000 --out /tmp/x.zip --sign-key-out /tmp/k

``--sign-key-out DIR`` generates a fresh Ed25519 key, signs the export with it and writes the
private key (``publisher.pem``) and the public key (``publisher.pub``) into ``DIR``. Keep
``DIR`` outside the repository: a private key must never be committed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tfbb_desktop.core.sync import publish, signing  # noqa: E402

BUNDLED_SOURCE = ROOT / "catalogue-source" / "sormland.json"

# Share of each entity type in a catalogue of N entries.
SHARES = {"principals": 0.03, "contacts": 0.45, "examples": 0.21, "work": 0.21,
          "component_status": 0.10}


def _split(text: str) -> list[str]:
    return text.split()


MUNICIPALITIES = _split("""
Ale Alingsås Alvesta Aneby Arboga Arjeplog Arvidsjaur Arvika Askersund Avesta
Bengtsfors Berg Bjurholm Bjuv Boden Bollebygd Bollnäs Borgholm Borlänge Borås Botkyrka Boxholm
Bromölla Bräcke Burlöv Båstad Dals-Ed Danderyd Degerfors Dorotea Eda Ekerö Eksjö Emmaboda
Enköping Eskilstuna Eslöv Essunga Fagersta Falkenberg Falköping Falun Filipstad Finspång Flen
Forshaga Färgelanda Gagnef Gislaved Gnesta Gnosjö Gotland Grums Grästorp Gullspång Gällivare
Gävle Göteborg Götene Habo Hagfors Hallsberg Hallstahammar Halmstad Hammarö Haninge Haparanda
Heby Hedemora Helsingborg Herrljunga Hjo Hofors Huddinge Hudiksvall Hultsfred Hylte Håbo
Hällefors Härjedalen Härnösand Härryda Hässleholm Höganäs Högsby Hörby Höör Jokkmokk Järfälla
Jönköping Kalix Kalmar Karlsborg Karlshamn Karlskoga Karlskrona Karlstad Katrineholm Kil Kinda
Kiruna Klippan Knivsta Kramfors Kristianstad Kristinehamn Krokom Kumla Kungsbacka Kungsör
Kungälv Kävlinge Köping Laholm Landskrona Laxå Lekeberg Leksand Lerum Lessebo Lidingö Lidköping
Lindesberg Linköping Ljungby Ljusdal Ljusnarsberg Lomma Ludvika Luleå Lund Lycksele Lysekil
Malmö Malå Mariestad Mark Markaryd Mellerud Mjölby Mora Motala Mullsjö Munkedal Munkfors
Mölndal Mönsterås Mörbylånga Nacka Nora Norberg Nordanstig Nordmaling Norrköping Norrtälje
Norsjö Nybro Nykvarn Nyköping Nynäshamn Nässjö Ockelbo Olofström Orsa Orust Osby Oskarshamn
Ovanåker Oxelösund Pajala Partille Perstorp Piteå Ragunda Robertsfors Ronneby Rättvik Sala
Salem Sandviken Sigtuna Simrishamn Sjöbo Skara Skellefteå Skinnskatteberg Skurup Skövde
Smedjebacken Sollefteå Sollentuna Solna Sorsele Sotenäs Staffanstorp Stenungsund Stockholm
Storfors Storuman Strängnäs Strömstad Strömsund Sundbyberg Sundsvall Sunne Surahammar Svalöv
Svedala Svenljunga Säffle Säter Sävsjö Söderhamn Söderköping Södertälje Sölvesborg Tanum Tibro
Tidaholm Tierp Timrå Tingsryd Tjörn Tomelilla Torsby Torsås Tranemo Tranås Trelleborg
Trollhättan Trosa Tyresö Täby Töreboda Uddevalla Ulricehamn Umeå Uppsala Uppvidinge Vadstena
Vaggeryd Valdemarsvik Vallentuna Vansbro Vara Varberg Vaxholm Vellinge Vetlanda Vilhelmina
Vimmerby Vindeln Vingåker Vårgårda Vänersborg Vännäs Värmdö Värnamo Västervik Västerås Växjö
Ydre Ystad Åmål Ånge Åre Årjäng Åsele Åstorp Åtvidaberg Älmhult Älvdalen Älvkarleby Älvsbyn
Ängelholm Öckerö Ödeshög Örebro Örkelljunga Örnsköldsvik Östersund Österåker Östhammar
Överkalix Övertorneå""")

REGIONS = ["Region Stockholm", "Region Uppsala", "Region Sörmland", "Region Östergötland",
           "Region Jönköpings län", "Region Kronoberg", "Region Kalmar län", "Region Gotland",
           "Region Blekinge", "Region Skåne", "Region Halland", "Västra Götalandsregionen",
           "Region Värmland", "Region Örebro län", "Region Västmanland", "Region Dalarna",
           "Region Gävleborg", "Region Västernorrland", "Region Jämtland Härjedalen",
           "Region Västerbotten", "Region Norrbotten"]

FIRST_NAMES = _split("""
Anna Eva Maria Karin Sara Lena Kerstin Emma Ingrid Malin Linnéa Åsa Märta Sofia
Elin Ida Jenny Johanna Hanna Maja Ebba Agnes Astrid Signe Tove Ylva Birgitta Gunilla Margareta
Ulla Annika Helén Renée Zoë Lars Anders Johan Per Karl Erik Mikael Jan Peter Hans Björn Göran
Håkan Jörgen Sören Örjan Åke Stefan Mats Magnus Fredrik Daniel Oskar Axel Elias Hugo Ludvig
Nils Olle Gustav Henrik Joakim Tomas Ulf Sven Mohammed Ali Fatima Amir Leyla Yusuf Noor Aida
Mirja Aleksandra Tiina Jyrki Niklas Rasmus André José Chloé""")

LAST_NAMES = _split("""
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson
Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson
Olofsson Lindström Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist
Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund
Danielsson Lundin Håkansson Björk Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson
Bergqvist Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson Nordström
Mårtensson Lundström Åberg Öberg Ström Hägglund Bäckström Sjögren Ekström Hellström Söderström
Åström Östlund Nordin Strömberg Dahlqvist Haddon Kantor Nimborg Aytar Müller Sjöqvist Westerberg
Öhman Åkesson Grönlund Wäppling Kärrström Häll Lövgren Närhi Kallio Yilmaz Hussein Rahimi
Abdullahi Nguyen Costa Laurén Hernández""")

TITLES = ["Skolpsykolog", "Psykolog", "Kurator", "Skolkurator", "Rektor", "Biträdande rektor",
          "Enhetschef", "Verksamhetschef", "Socialsekreterare", "Specialpedagog",
          "Speciallärare", "Skolsköterska", "Skolläkare", "Förskollärare", "Barnskötare",
          "Elevhälsochef", "Socialchef", "Skolchef", "Utbildningschef", "Förvaltningschef",
          "Processledare", "Utvecklingsledare", "Samordnare", "Kvalitetsstrateg",
          "Folkhälsostrateg", "BUP-psykolog", "Barnpsykiater", "Sjuksköterska",
          "Fritidsledare", "Familjebehandlare", "Vård- och omsorgschef", "Forskningsledare",
          "Följeforskare", "Utredare", "Nämndsekreterare", "Kommunikatör",
          "Studie- och yrkesvägledare", "Logoped", "Arbetsterapeut", "Fysioterapeut"]

UNITS = ["Elevhälsan", "Centrala elevhälsan", "Barn- och ungdomspsykiatrin (BUP)",
         "Socialtjänsten, individ- och familjeomsorg", "Förskoleförvaltningen",
         "Grundskoleförvaltningen", "Gymnasieförvaltningen", "Barn- och utbildningsförvaltningen",
         "Vård- och omsorgsförvaltningen", "Habiliteringen", "Ungdomsmottagningen",
         "Familjecentralen", "Primärvården, hälsoval", "Resursenheten", "Skolhälsovården",
         "Kultur- och fritidsförvaltningen", "Kommunledningskontoret", "FoU-enheten",
         "Öppenvården för barn och unga", "Mottagningsenheten", "Första linjen barn och unga",
         "Fältgruppen", "Stöd- och utvecklingsenheten", "Närvårdssamverkan"]

SCHOOL_WORDS = ["Björken", "Eken", "Solrosen", "Linden", "Ängen", "Skogsbrynet", "Tallbacken",
                "Rönnen", "Hagen", "Sjöstjärnan", "Kastanjen", "Vitsippan", "Lärkan", "Måsen",
                "Örnen", "Älgen", "Hästhagen", "Bäckaskolan", "Strandängen", "Glädjen"]

FRISTAENDE_KINDS = ["Friskolan", "Förskolan", "Montessoriskolan", "Waldorfskolan",
                    "Stiftelsen", "Föreningen"]

# Compound parts: Swedish compounds are built by joining these, as in "skolpsykolog".
COMPOUND_FIRST = ["skol", "elev", "barn", "förskole", "ungdoms", "familje", "social",
                  "hälso", "vård", "special", "implementerings", "samverkans", "utvecklings",
                  "kommunikations", "uppföljnings", "kunskaps", "lednings", "verksamhets",
                  "läns", "region", "kommun", "styr", "arbets", "närvaro", "stöd", "resurs",
                  "fritids", "tandvårds", "psykiatri", "kvalitets", "föräldra", "trygghets",
                  "välfärds", "mottagnings", "beslut", "risk", "ansvars"]
COMPOUND_LAST = ["psykolog", "psykologer", "hälsa", "hälsan", "plan", "planen", "grupp",
                 "gruppen", "arbete", "arbetet", "insatser", "stöd", "team", "teamet",
                 "nätverk", "nätverket", "modell", "modellen", "process", "processen",
                 "område", "området", "uppdrag", "uppdraget", "verktyg", "rutin", "rutiner",
                 "kartläggning", "samordnare", "chef", "chefer", "ledare", "pedagog",
                 "personal", "förvaltning", "enhet", "enheten", "frågor", "behov", "resurser",
                 "möte", "mötet", "dialog", "samverkan", "tjänst", "lärare", "sköterska",
                 "kurator", "utredning", "dokumentation", "vård"]

NOUNS = ["barnen", "eleverna", "vårdnadshavarna", "medarbetarna", "cheferna", "huvudmännen",
         "kommunerna", "regionen", "skolorna", "förskolorna", "verksamheterna", "styrgruppen",
         "arbetsgruppen", "processledarna", "nyckelpersonerna", "rektorerna", "socialtjänsten",
         "elevhälsan", "habiliteringen", "primärvården", "BUP", "skolpsykologerna",
         "kuratorerna", "specialpedagogerna", "länsstyrgruppen", "skolchefsnätverket",
         "följeforskarna", "politikerna", "nämnden", "förvaltningen"]
OBJECTS = ["en gemensam målbild", "tidiga insatser", "samordnad individuell plan (SIP)",
           "en tydlig ansvarsfördelning", "kunskap om neuropsykiatriska funktionsnedsättningar",
           "uppföljningen i Karta och kompass", "en implementeringsplan",
           "rutiner för informationsöverföring", "barnets bästa", "ett främjande arbetssätt",
           "förebyggande insatser", "specialistinsatser", "samverkan mellan huvudmännen",
           "ett gemensamt språk", "kompetensutveckling", "stödet till vårdnadshavare",
           "elevernas närvaro", "trygghet i skolan", "psykisk hälsa hos unga",
           "hälsofrämjande arbete", "gränssnittet mellan första linjen och specialistvården",
           "dialogen med verksamheterna", "erfarenhetsutbyte i nätverk",
           "en hållbar finansiering", "ledarskapets betydelse", "deimplementering",
           "goda exempel", "lärdomar från tidigare arbete", "arbetsgrupper för barn",
           "kartläggning av behov", "resursanvändningen", "dokumentationen",
           "ungdomsmottagningens arbete", "föräldrastödet", "skolans kompensatoriska uppdrag"]
VERBS = ["utvecklar", "förankrar", "följer upp", "samordnar", "tydliggör", "prövar",
         "implementerar", "diskuterar", "planerar", "stärker", "kartlägger", "beskriver",
         "förbättrar", "sprider", "säkerställer", "utvärderar", "anpassar", "prioriterar",
         "bereder", "leder"]
ADVERBS = ["tillsammans", "under våren", "under hösten", "i liten skala", "på sikt",
           "i hela länet", "stegvis", "i ordinarie verksamhet", "med stöd av processledarna",
           "efter årsskiftet", "i samråd med vårdnadshavare", "inom befintliga resurser",
           "på ett systematiskt sätt", "med hjälp av följeforskning"]
REASONS = ["för att barn och unga ska få rätt stöd i rätt tid",
           "eftersom ansvaret mellan huvudmännen har varit otydligt",
           "så att tidigare kunskap inte går förlorad",
           "för att minska risken för parallella processer",
           "så att modellen blir en del av ordinarie verksamhet",
           "eftersom behoven ökar i flera kommuner",
           "för att underlätta övergångar mellan förskola och skola",
           "så att fler verksamheter kan ta del av goda exempel",
           "för att skapa en gemensam bild av läget",
           "eftersom resurserna är begränsade",
           "för att stärka barnets perspektiv i besluten"]
SENTENCE_TEMPLATES = [
    "{Noun} i {place} {verb} {obj} {adv}.",
    "{Noun} {verb} {obj} {reason}.",
    "Under {when} {verb} {noun} {obj} tillsammans med {noun2}.",
    "Arbetet med {obj} har lett till att {noun} nu {verb} {obj2}.",
    "En lärdom är att {obj} kräver tid, mandat och tydliga {compound}.",
    "Det finns en risk att {obj} inte prioriteras när {noun} har hög arbetsbelastning.",
    "{Noun} betonar vikten av {obj} och av att {compound} är {adj}.",
    "I {place} har {compound} och {compound2} mötts regelbundet {adv}.",
    "Nästa steg är att {noun} {verb} {obj} {reason}.",
    "Frågan om {obj} lyftes av {noun} vid {meeting}.",
    "{Compound} beskrivs som {adj} men {compound2} behöver förtydligas.",
    "Målgruppen är barn och unga i {place} och deras vårdnadshavare.",
    "Syftet är att {noun} ska kunna {verb_inf} {obj} {adv}.",
    "Resultaten visar att {compound} har blivit {adj} och att {obj} följs upp.",
    "Kontakt har tagits med {compound2} i {place} för fortsatt dialog.",
]
ADJECTIVES = ["tydligare", "viktig", "avgörande", "otydlig", "värdefull", "hållbar",
              "framgångsrik", "sårbar", "väl förankrad", "ojämnt fördelad", "efterfrågad",
              "resurskrävande"]
VERB_INF = ["utveckla", "förankra", "följa upp", "samordna", "tydliggöra", "pröva",
            "implementera", "stärka", "kartlägga", "sprida", "säkerställa", "utvärdera"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "augusti", "september",
          "oktober", "november", "december"]
TAGS = ["workshop", "skola", "förskola", "elevhälsa", "SIP", "NPF", "ledarskap", "förankring",
        "uppföljning", "finansiering", "helhet", "kunskapsöverföring", "närvaro", "trygghet",
        "psykisk hälsa", "föräldrastöd", "samverkan", "implementering", "deimplementering",
        "digitalisering", "barnrätt", "övergångar", "fritid", "habilitering", "socialtjänst",
        "tandvård", "språkutveckling", "nyanlända", "skolfrånvaro", "kartläggning",
        "Barnets bästa-ansvarig", "Karta och kompass", "café", "Zürich-modellen",
        "Åre-nätverket", "läsfrämjande", "rörelse", "sömn", "skärmtid", "mobbning"]
EXAMPLE_TITLE_TEMPLATES = [
    "{Compound} i {place}", "{Obj} i {place}", "{Noun_cap} i {place} {verb} {obj}",
    "Risk: {obj} prioriteras inte", "Lärdom: {obj} tar tid", "{Compound} för {compound2}",
    "Gott exempel från {place}: {obj}", "{Compound} och {compound2} i samverkan",
]
WORK_TITLE_TEMPLATES = [
    "{Compound} {place}", "{Kind} om {obj}", "{Kind}: {Compound} i {place}",
    "Styrgruppsmöte {date}", "{Compound} {year}", "{Kind} för {compound2} i {place}",
    "Nätverksträff om {obj}",
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a",
                           "ø": "o", "è": "e", "á": "a", "ë": "e", "ó": "o"})
    out = "".join(c if c.isalnum() else "-" for c in text.lower().translate(table))
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def _genitive(place: str) -> str:
    if place[-1] in "sxz" or place[-1].lower() in "aeiouyåäö":
        return place
    return place + "s"


class Generator:
    """Builds one catalogue deterministically from a seed."""

    def __init__(self, entries: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.entries = entries
        bundled = json.loads(BUNDLED_SOURCE.read_text(encoding="utf-8"))
        self.vocabularies: dict[str, list[dict[str, Any]]] = bundled["data"]["vocabularies"]
        self.vocab_ids = {name: [t["id"] for t in terms]
                          for name, terms in self.vocabularies.items()}
        # Zipf-like weights so that some words are common and others rare, as in real text.
        self.place_weights = [1.0 / (i + 1) ** 0.6 for i in range(len(MUNICIPALITIES))]

    # Text ------------------------------------------------------------------------------------

    def pick(self, items: list[str]) -> str:
        return items[int(len(items) * self.rng.random() ** 1.6)]

    def place(self) -> str:
        return self.rng.choices(MUNICIPALITIES, self.place_weights)[0]

    def compound(self) -> str:
        return self.pick(COMPOUND_FIRST) + self.pick(COMPOUND_LAST)

    def date_text(self) -> str:
        return f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS)} {self.rng.randint(2023, 2026)}"

    def sentence(self) -> str:
        template = self.rng.choice(SENTENCE_TEMPLATES)
        noun = self.pick(NOUNS)
        compound = self.compound()
        values = {
            "noun": noun, "Noun": _cap(noun), "noun2": self.pick(NOUNS),
            "place": self.place(), "verb": self.pick(VERBS), "verb_inf": self.pick(VERB_INF),
            "obj": self.pick(OBJECTS), "obj2": self.pick(OBJECTS), "adv": self.pick(ADVERBS),
            "reason": self.pick(REASONS), "when": f"{self.rng.choice(MONTHS)} "
                                                  f"{self.rng.randint(2023, 2026)}",
            "compound": compound, "Compound": _cap(compound), "compound2": self.compound(),
            "adj": self.pick(ADJECTIVES), "meeting": f"styrgruppsmötet {self.date_text()}",
        }
        return template.format(**values)

    def text(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    # Entities --------------------------------------------------------------------------------

    def principals(self, count: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        used: set[str] = set()

        def add(record: dict[str, Any]) -> None:
            if record["id"] not in used and len(out) < count:
                used.add(record["id"])
                out.append(record)

        for region in REGIONS:
            add({"id": _slug(region), "name": region, "kind": "region", "short_name": region,
                 "description": self.text(2, 4),
                 "website": f"https://www.{_slug(region).replace('-', '')}.se"})
        for place in MUNICIPALITIES:
            add({"id": _slug(place), "name": f"{_genitive(place)} kommun", "kind": "kommun",
                 "short_name": place, "description": self.text(2, 5),
                 "website": f"https://www.{_slug(place).replace('-', '')}.se"})
            if len(out) >= count:
                break
        for place in MUNICIPALITIES[::7]:
            add({"id": f"fou-{_slug(place)}", "name": f"FoU i {place}", "kind": "fou",
                 "description": self.text(1, 3)})
        add({"id": "lansgemensamt-stod", "name": "Länsgemensamt regionalt stöd",
             "kind": "lansgemensam-funktion", "description": self.text(2, 3)})
        number = 0
        while len(out) < count:
            number += 1
            place = self.place()
            name = (f"{self.rng.choice(FRISTAENDE_KINDS)} {self.rng.choice(SCHOOL_WORDS)} "
                    f"i {place}")
            record = {"id": f"hm-{number:06d}", "name": name, "kind": "fristaende-huvudman",
                      "short_name": name.split(" i ")[0], "description": self.text(1, 3)}
            if self.rng.random() < 0.5:
                record["website"] = f"https://www.{_slug(name)}.se"
            add(record)
        return out

    def phone(self) -> str:
        kind = self.rng.random()
        if kind < 0.45:
            area = self.rng.choice(["0155", "0150", "0157", "0158", "0152", "016", "08", "018",
                                    "013", "019", "021", "031", "040", "090"])
            digits = "".join(str(self.rng.randint(0, 9)) for _ in range(6))
            return f"{area}-{digits[:2]} {digits[2:4]} {digits[4:]}"
        if kind < 0.85:
            digits = "".join(str(self.rng.randint(0, 9)) for _ in range(7))
            return f"07{self.rng.choice('02369')}-{digits[:3]} {digits[3:5]} {digits[5:]}"
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(6))
        return f"+46 155 {digits[:2]} {digits[2:4]} {digits[4:]}"

    def contacts(self, count: int, principals: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        roles = self.vocab_ids["roles"]
        for number in range(1, count + 1):
            first = self.pick(FIRST_NAMES)
            last = self.pick(LAST_NAMES)
            if self.rng.random() < 0.12:
                last = f"{last} {self.pick(LAST_NAMES)}"
            principal = principals[int(len(principals) * self.rng.random() ** 2)]
            domain = principal.get("website", "https://www.example.se").split("www.")[-1]
            record: dict[str, Any] = {
                "id": f"kp-{number:06d}",
                "name": f"{first} {last}",
                "title": self.pick(TITLES),
                "principal": principal["id"],
                "unit": self.pick(UNITS),
            }
            if self.rng.random() < 0.85:
                record["email"] = f"{_slug(first)}.{_slug(last).replace('-', '')}@{domain}"
            if self.rng.random() < 0.7:
                record["phone"] = self.phone()
            record["roles"] = self.rng.sample(roles, self.rng.choice([0, 1, 1, 2]))
            if self.rng.random() < 0.2:
                record["valid_until"] = f"{self.rng.randint(2026, 2028)}-06-30"
            if self.rng.random() < 0.5:
                record["note"] = self.text(1, 2)
            out.append(record)
        return out

    def title(self, templates: list[str], kind_label: str = "") -> str:
        obj = self.pick(OBJECTS)
        values = {"Compound": _cap(self.compound()), "compound2": self.compound(),
                  "place": self.place(), "Obj": _cap(obj), "obj": obj,
                  "Noun_cap": _cap(self.pick(NOUNS)), "verb": self.pick(VERBS),
                  "Kind": kind_label, "date": self.date_text(),
                  "year": str(self.rng.randint(2023, 2026))}
        return self.rng.choice(templates).format(**values)[:300]

    def some(self, items: list[str], most: int) -> list[str]:
        return self.rng.sample(items, min(len(items), self.rng.randint(0, most)))

    def examples(self, count: int, principals: list[dict[str, Any]],
                 contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        principal_ids = [p["id"] for p in principals]
        contact_ids = [c["id"] for c in contacts]
        for number in range(1, count + 1):
            record: dict[str, Any] = {
                "id": f"ex-{number:06d}",
                "title": self.title(EXAMPLE_TITLE_TEMPLATES),
                "kind": self.rng.choice(self.vocab_ids["example_kinds"]),
                "summary": self.text(2, 5),
                "target_group": self.text(1, 2),
                "purpose": self.text(1, 3),
                "method": self.text(1, 4),
                "results": self.text(1, 3),
                "lessons": self.text(0, 3),
                "source": f"Styrgruppsmöte {self.date_text()}",
                "date": f"{self.rng.randint(2023, 2026)}-{self.rng.randint(1, 12):02d}-"
                        f"{self.rng.randint(1, 28):02d}",
                "principals": self.rng.sample(principal_ids, self.rng.randint(1, 3)),
                "contacts": self.rng.sample(contact_ids, min(len(contact_ids),
                                                             self.rng.randint(0, 2))),
                "professional_groups": self.some(self.vocab_ids["professional_groups"], 3),
                "levels": self.some(self.vocab_ids["levels"], 2),
                "domains": self.some(self.vocab_ids["domains"], 2),
                "tags": list(dict.fromkeys(self.pick(TAGS) for _ in
                                           range(self.rng.randint(0, 5)))),
            }
            out.append(record)
        return out

    def work(self, count: int, principals: list[dict[str, Any]],
             contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        principal_ids = [p["id"] for p in principals]
        contact_ids = [c["id"] for c in contacts]
        kinds = {t["id"]: t["label"] for t in self.vocabularies["work_kinds"]}
        for number in range(1, count + 1):
            kind = self.rng.choice(list(kinds))
            year = self.rng.randint(2023, 2026)
            record: dict[str, Any] = {
                "id": f"arb-{number:06d}",
                "title": self.title(WORK_TITLE_TEMPLATES, kinds[kind]),
                "kind": kind,
                "status": self.rng.choice(self.vocab_ids["work_statuses"]),
                "summary": self.text(2, 6),
                "start_date": f"{year}-{self.rng.randint(1, 6):02d}-01",
                "end_date": f"{year + 1}-{self.rng.randint(1, 12):02d}-28",
                "location": self.place(),
                "next_step": self.text(1, 2),
                "decision": self.text(0, 2),
                "risks": self.text(0, 2),
                "source": f"Styrgruppsmöte {self.date_text()}",
                "principals": self.rng.sample(principal_ids, self.rng.randint(0, 3)),
                "contacts": self.rng.sample(contact_ids, min(len(contact_ids),
                                                             self.rng.randint(0, 3))),
                "components": self.some(self.vocab_ids["components"], 2),
            }
            if self.rng.random() < 0.3:
                record["links"] = [{"label": "Anteckningar",
                                    "url": f"https://example.se/arbete/{number}"}]
            out.append(record)
        return out

    def component_status(self, count: int,
                         principals: list[dict[str, Any]]) -> list[dict[str, Any]]:
        components = self.vocab_ids["components"]
        statuses = self.vocab_ids["component_statuses"]
        pairs = [(p["id"], c) for p in principals for c in components]
        self.rng.shuffle(pairs)
        return [{"principal": p, "component": c, "status": self.rng.choice(statuses),
                 "note": self.text(0, 1)} for p, c in sorted(pairs[:count])]

    def build(self) -> dict[str, Any]:
        n = self.entries
        sizes = {t: max(1, int(n * share)) for t, share in SHARES.items()}
        sizes["principals"] = max(5, sizes["principals"])
        sizes["contacts"] += n - sum(sizes.values())
        sizes["contacts"] = max(1, sizes["contacts"])
        principals = self.principals(sizes["principals"])
        components = len(self.vocab_ids["components"])
        sizes["component_status"] = min(sizes["component_status"], len(principals) * components)
        contacts = self.contacts(sizes["contacts"], principals)
        return {
            "vocabularies": self.vocabularies,
            "principals": principals,
            "contacts": contacts,
            "examples": self.examples(sizes["examples"], principals, contacts),
            "work": self.work(sizes["work"], principals, contacts),
            "component_status": self.component_status(sizes["component_status"], principals),
        }


def generate(entries: int, seed: int = 1, dataset_version: int = 1) -> dict[str, Any]:
    """A source dict ``{"manifest": {...}, "data": {...}}`` with about ``entries`` entries."""
    data = Generator(entries, seed).build()
    manifest = {
        "dataset_version": dataset_version,
        "created": "2025-11-26T09:00:00+01:00",
        "expires": "2099-12-31",
        "publisher": {"id": "syntetisk-testkatalog", "name": "Syntetisk testkatalog"},
        "feedback": {"email": None, "folder": ""},
    }
    return {"manifest": manifest, "data": data}


def write(source: dict[str, Any], out: Path, key: signing.Ed25519PrivateKey | None = None
          ) -> Path:
    """Write ``source`` as an export ZIP with the project's publish functions."""
    data_bytes = publish.dump_json(source["data"], pretty=False)
    manifest = publish.manifest_for(data_bytes, dict(source["manifest"]))
    written: Path = publish.write_export(out, data_bytes, manifest, key)
    return written


def _inside_repository(path: Path) -> bool:
    try:
        path.resolve().relative_to(ROOT)
    except ValueError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000, help="number of entries")
    parser.add_argument("--out", type=Path, required=True, help="the export ZIP to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dataset-version", type=int, default=1)
    parser.add_argument("--sign-key-out", type=Path, default=None, metavar="DIR",
                        help="generate a key, sign with it and write it to DIR "
                             "(outside the repository)")
    parser.add_argument("--source-out", type=Path, default=None,
                        help="also write the source JSON here")
    args = parser.parse_args(argv)
    key = None
    if args.sign_key_out is not None:
        if _inside_repository(args.sign_key_out):
            parser.error("--sign-key-out must be outside the repository (never commit a "
                         "private key)")
        key = signing.generate_private_key()
        args.sign_key_out.mkdir(parents=True, exist_ok=True)
        pem = args.sign_key_out / "publisher.pem"
        pem.touch(mode=0o600)
        pem.write_bytes(signing.private_key_pem(key))
        (args.sign_key_out / "publisher.pub").write_text(
            signing.public_key_text(key.public_key()) + "\n", encoding="ascii")
        print(f"key {signing.key_id(key.public_key())} written to {args.sign_key_out}")
    source = generate(args.entries, args.seed, args.dataset_version)
    if args.source_out is not None:
        args.source_out.write_bytes(publish.dump_json(source))
    write(source, args.out, key)
    counts = {t: len(source["data"][t]) for t in SHARES}
    print(f"{args.out}: {sum(counts.values())} entries {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
