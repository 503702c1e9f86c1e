"""Invented 250-word case notes for the benchmarks (never real notes), deterministic by seed."""

from __future__ import annotations

import random

NAMES = ["Maya", "Kai", "Leah", "Tom", "Aisha", "Jordan", "Sam", "Ellie", "Noah", "Priya"]
SENTENCES = [
    "{n} attended the appointment with her aunt and spoke about school.",
    "{n} put herself at risk by meeting them at the station after dark.",
    "Staff noted that {n} seemed tired and had not eaten breakfast.",
    "{n} said that the older boys gave him cigarettes and a phone.",
    "The social worker visited the home on Tuesday and saw the bedroom.",
    "{n} should not have sent the images to the man she met online.",
    "A referral was made to the exploitation panel on the same day.",
    "{n} was reported missing overnight and returned in the morning by taxi.",
    "Her mother was worried about the adults who collect her from school.",
    "{n} explained that he owes money to a man who lives near the park.",
    "The school will share attendance records with the team each week.",
    "If only {n} had told someone sooner, the abuse might have stopped.",
]


def note(rng: random.Random, words: int = 250, fresh_words: int = 0) -> str:
    """A note of about ``words`` words; ``fresh_words`` adds never-seen invented words."""
    parts: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES).format(n=rng.choice(NAMES))
        if fresh_words:
            extra = " ".join(
                "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(4))
                for _ in range(fresh_words)
            )
            sentence = f"{sentence[:-1]} near {extra}."
        parts.append(sentence)
        count += len(sentence.split())
    return " ".join(parts)


def notes(n: int, seed: int = 7, words: int = 250) -> list[str]:
    """``n`` different notes."""
    rng = random.Random(seed)
    return [note(rng, words) for _ in range(n)]
