"""A deterministic generator of invented case-note-like text for the throughput benchmark.

Notes are built from templates for home visits, school reports, police logs and health notes,
with invented names, ages, places and times. Most sentences are ordinary recording; a small,
fixed share carry the kind of wording vblint flags, as real notes occasionally do. The same
seed always gives the same texts, so runs on different days compare like with like.
"""

from __future__ import annotations

import random
from collections.abc import Callable

FIRST = (
    "Maya", "Jade", "Tyler", "Kai", "Leah", "Ruby", "Callum", "Amira", "Jordan", "Ellie",
    "Mason", "Chloe", "Aisha", "Riley", "Freya", "Kacey", "Sophie", "Noah", "Harvey", "Zara",
    "Lily", "Jayden", "Mia", "Ezra", "Tia", "Oscar", "Amber", "Leon", "Skye", "Daniel",
)  # fmt: skip
ADULTS = ("Mum", "Dad", "Nan", "Grandad", "Aunt Sue", "the foster carer", "the key worker")
PLACES = (
    "Luton", "Croydon", "Margate", "Hastings", "Norwich", "Southend", "Leyton", "Crawley",
    "Derby", "Hove", "Bristol", "Leeds", "Swindon", "Reading", "Slough", "Ipswich",
)  # fmt: skip
SCHOOLS = ("Oakfield Academy", "St Anne's Primary", "Riverside High", "Hillcrest School")
WORKERS = ("SW", "IRO", "DSL", "PC Evans", "DS Patel", "the school nurse", "the HV", "the GP")

Line = Callable[[random.Random], str]


def _name(r: random.Random) -> str:
    return r.choice(FIRST)


def _age(r: random.Random) -> str:
    age = r.randint(5, 17)
    return r.choice((f"{_name(r)}, {age},", f"{_name(r)} ({age})", f"{_name(r)}, aged {age},"))


def _cap(words: str) -> str:
    return words[0].upper() + words[1:]


def _who(r: random.Random) -> str:
    return _cap(r.choice(ADULTS))


def _time(r: random.Random) -> str:
    return f"{r.randint(0, 23):02d}:{r.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)):02d}"


def _date(r: random.Random) -> str:
    return f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}"


VISIT: tuple[Line, ...] = (
    lambda r: f"Home visit on {_date(r)} at {_time(r)}; {r.choice(ADULTS)} let me in.",
    lambda r: f"{_age(r)} was in the living room watching television and said hello.",
    lambda r: "The house was warm and tidy and there was food in the fridge.",
    lambda r: f"{_name(r)} showed me the bedroom, which has a new bed and a desk for homework.",
    lambda r: f"{_who(r)} said the week had been difficult because of money worries.",
    lambda r: f"We talked about the plan agreed at the core group on {_date(r)}.",
    lambda r: f"{_name(r)} said school is going better and the maths teacher is helping.",
    lambda r: f"{_who(r)} has been attending the parenting course at the family hub.",
    lambda r: f"I spoke to {_name(r)} alone in the garden; they said they feel safe at home.",
    lambda r: (
        f"Next visit booked for {_date(r)}; I will bring the referral form for the "
        "young carers group."
    ),
    lambda r: "The dog was shut in the kitchen during the visit at my request.",
    lambda r: (
        f"{_who(r)} asked for help with the housing application and a letter for the council."
    ),
)
SCHOOL: tuple[Line, ...] = (
    lambda r: f"{r.choice(SCHOOLS)} report: attendance this half term is {r.randint(61, 99)}%.",
    lambda r: f"{_age(r)} has settled into the new class and sits with two friends at lunch.",
    lambda r: f"Staff noticed {_name(r)} was tired on Monday and had no coat.",
    lambda r: f"The DSL spoke to {r.choice(ADULTS)} at pick-up about the missed homework.",
    lambda r: f"{_name(r)} got a merit certificate for their science project on volcanoes.",
    lambda r: "Free school meals and the breakfast club place have been confirmed.",
    lambda r: f"A teaching assistant will support {_name(r)} in English and maths.",
    lambda r: f"{_name(r)} told a teacher that there had been shouting at home at the weekend.",
    lambda r: "The SENCo will review the support plan before the end of term.",
    lambda r: (
        f"{_name(r)} was late on {r.randint(2, 6)} days this month; the school will "
        "phone home on the first day of absence."
    ),
)
POLICE: tuple[Line, ...] = (
    lambda r: f"Log {_time(r)}: call from {r.choice(ADULTS)} reporting {_age(r)} missing.",
    lambda r: f"Officers attended the address in {r.choice(PLACES)} and spoke to the family.",
    lambda r: f"{_name(r)} was found safe at a friend's house at {_time(r)} and brought home.",
    lambda r: "A return home interview has been requested from the missing team.",
    lambda r: (
        f"Intelligence suggests older males are picking children up near the station "
        f"in {r.choice(PLACES)}."
    ),
    lambda r: f"{_cap(r.choice(WORKERS))} shared the information with children's social care.",
    lambda r: "A strategy discussion was held and a section 47 enquiry agreed.",
    lambda r: f"Two adults were arrested at an address in {r.choice(PLACES)} and phones seized.",
    lambda r: f"{_name(r)} was given a safety card and the number for Childline.",
    lambda r: f"The vehicle registration was passed to the exploitation team on {_date(r)}.",
)
HEALTH: tuple[Line, ...] = (
    lambda r: f"Health visitor contact on {_date(r)}: baby weighed and feeding well.",
    lambda r: f"{_age(r)} attended the GP with {r.choice(ADULTS)} with a cough and earache.",
    lambda r: "Immunisations are up to date and the red book was seen.",
    lambda r: f"{_who(r)} reports low mood and has been referred to talking therapies.",
    lambda r: f"{_name(r)} has an appointment with the paediatrician on {_date(r)}.",
    lambda r: "Advice given on safe sleep, smoke alarms and the stair gate.",
    lambda r: f"School nurse drop-in: {_name(r)} asked about sleep and anxiety before exams.",
    lambda r: "The dentist has been contacted about the missed check-up.",
    lambda r: f"{_name(r)} was not brought to the clinic on {_date(r)}; a new letter was sent.",
    lambda r: "No concerns about growth or development at this contact.",
)
# Wording a writer may reasonably be asked to change; a small share of notes carry one.
FLAGGED: tuple[Line, ...] = (
    lambda r: f"{_name(r)} put herself at risk by going to {r.choice(PLACES)} with older males.",
    lambda r: f"{_name(r)} is putting himself at risk by staying out overnight.",
    lambda r: f"{_name(r)} should not have sent the photos to the man.",
    lambda r: f"{_name(r)} absconded from placement at {_time(r)}.",
    lambda r: f"{_name(r)} has a boyfriend who is {r.randint(21, 35)}.",
    lambda r: "Staff think it is attention seeking.",
    lambda r: f"{_name(r)} chose to go missing again.",
    lambda r: "The DSL is dealing with a sexting incident in Year 9.",
    lambda r: "Officers found child pornography on the laptop.",
)
KINDS = (VISIT, SCHOOL, POLICE, HEALTH)
FLAG_SHARE = 0.06


def note(r: random.Random) -> str:
    """One note of 3 to 8 sentences of one kind, sometimes with a flagged sentence."""
    kind = r.choice(KINDS)
    lines = [line(r) for line in r.sample(kind, k=r.randint(3, min(8, len(kind))))]
    if r.random() < FLAG_SHARE * len(lines):
        lines.insert(r.randrange(len(lines) + 1), r.choice(FLAGGED)(r))
    return " ".join(lines)


def corpus(words: int, seed: int = 20240601) -> list[str]:
    """Notes totalling at least ``words`` whitespace-separated words, the same for a seed."""
    r = random.Random(seed)
    texts: list[str] = []
    total = 0
    while total < words:
        text = note(r)
        texts.append(text)
        total += len(text.split())
    return texts
