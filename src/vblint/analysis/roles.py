"""Who is who in a clause: the child, the adult or professional, and the person responsible.

Agency comes from the dependency parse, not from word order: the subject of the verb a rule
matched decides whether a sentence makes the child responsible ("She should not have sent the
image") or not ("Staff should not have shared it", "She should not have been sent the image").
"""

from __future__ import annotations

import bisect
import re

from lemminflect import getAllLemmas
from spacy.tokens import Doc, Span, Token

from vblint.analysis import words
from vblint.analysis.typos import english_words

# Pronouns that can refer to the child in third-person notes or second-person letters.
CHILD_PRONOUNS = frozenset(["she", "he", "they", "you"])
PROFESSIONAL_PRONOUNS = frozenset(["i", "we"])
POSSESSIVE_OWNER = {"his": "he", "her": "she", "their": "they"}
SUBJECT_FORM = {"him": "he", "her": "she", "them": "they", "me": "I", "us": "we"}
OBJECT_FORM = {"he": "him", "she": "her", "they": "them", "i": "me", "we": "us", "you": "you"}
POSSESSIVE_FORM = {
    "he": "his",
    "she": "her",
    "they": "their",
    "i": "my",
    "we": "our",
    "you": "your",
}
# A possessive and the object pronoun of the same person: "her" -> "her", "his" -> "him".
OWNER_OBJECT = {POSSESSIVE_FORM[who]: OBJECT_FORM[who] for who in POSSESSIVE_FORM}
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_CLIMB_DEPS = ("xcomp", "conj", "aux", "auxpass", "acomp")


def main_verb(span: Span) -> Token:
    """The content verb of a match: "met" in "ought not to have met", not the modal."""
    root = span.root
    if root.tag_ == "MD" or root.pos_ == "AUX":
        verbs = [t for t in span if t.pos_ == "VERB"]
        if verbs:
            return verbs[-1]
    # "in a relationship with": a prepositional match belongs to the clause's verb.
    if root.pos_ == "ADP" and root.head.pos_ in ("VERB", "AUX"):
        return root.head
    # "has been sexually active since March": a predicate adjective's tense, subject and
    # time belong to its linking verb.
    if root.dep_ == "acomp" and root.head.pos_ in ("VERB", "AUX") and root.head.i < root.i:
        return root.head
    # "had an affair with a pupil": a noun the light verb "have" carries is its clause's act.
    if root.dep_ == "dobj" and root.head.lemma_ == "have" and root.head.i < root.i:
        return root.head
    return root


# Where one clause of a sentence ends and another begins: a clause of its own under a verb.
_CLAUSE_DEPS = frozenset(["ROOT", "advcl", "ccomp", "parataxis", "csubj"])


def own_clause(span: Span) -> list[Token]:
    """The words of the clause that holds ``span``, without the other clauses of its sentence.

    "Where a child is suspected to be involved in sexual exploitation, a referral should be
    made to the police": the first clause, not the police of the second. A relative clause or
    a participle keeps the noun it describes ("agencies involved in CSE work").
    """
    head = span.root
    for _ in range(len(span.sent)):
        if head.dep_ in _CLAUSE_DEPS or head.head is head:
            break
        if (
            head.dep_ == "conj"
            and head.pos_ in ("VERB", "AUX")
            and head.head.pos_
            in (
                "VERB",
                "AUX",
            )
        ):
            break
        head = head.head
    inside = range(span.start, span.end)
    skipped: set[int] = set()
    for child in head.children:
        boundary = child.dep_ in _CLAUSE_DEPS or (
            child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
        )
        if boundary and not (
            child.left_edge.i <= span.start and child.right_edge.i >= span.end - 1
        ):
            skipped.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in skipped or t.i in inside]


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, following xcomp and conj chains up to their head."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            # Two subjects mean a misparse ("Mood 😀 today, then she put ..."): the one nearest
            # before the verb is the real one.
            before = [s for s in subjects if s.i < current.i]
            return _named_before_brackets(before[-1] if before else subjects[0])
        if current.dep_ in _CLIMB_DEPS and current.head.i != current.i:
            current = current.head
            continue
        return None
    return None


def _named_before_brackets(subject: Token) -> Token:
    """The name before a bracket the parser took the subject from: "Sam (they/them) is ...".

    Pronouns written after a name, in brackets, describe the name; the name is the subject.
    """
    doc = subject.doc
    if subject.i < 2 or doc[subject.i - 1].text != "(":
        return subject
    name = doc[subject.i - 2]
    closed = any(t.text == ")" for t in doc[subject.i : min(len(doc), subject.i + 4)])
    return name if closed and name.pos_ == "PROPN" else subject


def is_passive(verb: Token) -> bool:
    """True for "was sent", "should have been sent": the subject is the one acted upon."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def head_noun(token: Token) -> Token:
    """'young person' -> person; compounds and modifiers resolve to the noun they modify."""
    return token.head if token.dep_ == "compound" and token.head.i > token.i else token


def stated_age(token: Token) -> int | None:
    """The age written into a noun phrase: "the 11-year-old", "a 24-year-old man"."""
    if token.pos_ not in ("NOUN", "PROPN", "ADJ") or token.dep_ in ("amod", "npadvmod"):
        return None
    # The words of its subtree up to the noun: from its left edge (the subtree's first token)
    # to the noun itself, read without walking the subtree in Python.
    first = token.left_edge
    starts, ends = _olds(token.doc)
    at = bisect.bisect_left(starts, first.idx)
    if at == len(starts) or ends[at] > token.idx + len(token.text):
        return None  # the cheapest rejection, for nearly every noun: no "old" in its words
    text = token.doc[first.i : token.i + 1].text.replace(" ", "")
    if "old" not in text:
        return None
    found = re.search(r"(\d{1,2})-years?-?old", text)
    return int(found.group(1)) if found is not None else None


# "old" in a document's text, spaces allowed between its letters (as a phrase's words are read
# with their spaces taken out); the (starts, ends) of each are kept on the Doc.
_OLD = re.compile("o *l *d")
_OLDS_KEY = "vblint_olds"


def _olds(doc: Doc) -> tuple[list[int], list[int]]:
    """Where "old" stands in ``doc``'s text: found once per document, not once per noun."""
    kept: tuple[list[int], list[int]] | None = doc.user_data.get(_OLDS_KEY)
    if kept is None:
        found = list(_OLD.finditer(doc.text))
        kept = doc.user_data[_OLDS_KEY] = ([m.start() for m in found], [m.end() for m in found])
    return kept


def is_adult_ref(token: Token) -> bool:
    """A professional, family adult or adult other party ("staff", "the man", "Mr Smith")."""
    age = stated_age(token)
    if age is not None:
        return age >= 18
    lower = token.lower_
    if lower in PROFESSIONAL_PRONOUNS:
        return True
    if lower in words.of("adult_nouns") or token.lemma_.lower() in words.of("adult_nouns"):
        return not _is_young(token)
    if token.pos_ == "PROPN":
        return any(c.lower_.rstrip(".") in words.of("honorifics") for c in token.children) or (
            token.i > 0 and token.doc[token.i - 1].lower_.rstrip(".") in words.of("honorifics")
        )
    return False


def _is_young(token: Token) -> bool:
    return any(c.lower_ in ("young", "teenage", "little") for c in token.children)


def is_child_ref(token: Token) -> bool:
    """A reference that may be the child: a child noun, a third-person pronoun, a first name.

    Pronouns and names are ambiguous without coreference; safeguarding notes overwhelmingly use
    them for the child, so they count, and adult nouns or titles rule a reference out.
    """
    age = stated_age(token)
    if age is not None:
        return age < 18
    if is_adult_ref(token):
        return _is_young(token)
    lower = token.lower_
    if (
        lower in CHILD_PRONOUNS
        or lower in words.of("child_nouns")
        or token.lemma_.lower() in words.of("child_nouns")
    ):
        return True
    if lower == "person" or lower == "people":
        return any(c.lower_ == "young" for c in token.children)
    return is_name(token)


def is_name(token: Token) -> bool:
    """A first name: a proper noun, or a capitalised word that is not an English word.

    The small parser often tags an unfamiliar name at the start of a sentence as a noun, and
    now and then as something stranger ("Ava" as a conjunction): as a subject it still counts.
    """
    if not token.is_title:
        return False
    if token.pos_ == "PROPN":
        return True
    if token.pos_ == "NOUN" or token.dep_ in ("nsubj", "nsubjpass"):
        return token.lower_ not in english_words()
    return False


def acts_on_person(verb: Token) -> bool:
    """The verb is a harming verb with a person as its object."""
    if verb.lemma_.lower() not in words.of("harming_verbs"):
        return False
    return any(
        c.dep_ in ("dobj", "dative") and (c.lower_ in OBJECT_FORM.values() or is_child_ref(c))
        for c in verb.children
    )


# Words that open a clause of time or condition ("where", "if"): what the main clause's verb
# governs is not such a clause.
_SETTING = frozenset("where when whenever if unless once while wherever".split())


def sets_the_scene(clause: Token) -> bool:
    """A clause of time or condition, which the verb above it does not make happen.

    "Where a child is suspected to be involved ..., a referral should be made": the "made"
    is the referral's, not a coercion of the child.
    """
    return clause.dep_ == "advcl" and any(
        c.lower_ in _SETTING and c.dep_ in ("advmod", "mark") for c in clause.children
    )


def coerced(verb: Token) -> bool:
    """The verb is governed by a verb of coercion ("pressured her into sending")."""
    token = verb
    for _ in range(3):
        if token.dep_ not in ("pcomp", "xcomp", "pobj", "prep", "ccomp", "advcl"):
            return False
        if sets_the_scene(token):
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in words.of("coercion_verbs"):
            return True
    return False


def plainly_adult(token: Token) -> bool:
    """Plainly an adult: an adult noun or title, or an adult age, and no child word."""
    if is_child_ref(token):
        return False
    return is_adult_ref(head_noun(token)) or adult_age_stated(token)


def adult_age_stated(token: Token) -> bool:
    """The person's own words give an adult age: "her youth leader, who is 29"."""
    for word in token.subtree:
        if word.like_num and word.text.isdigit() and 18 <= int(word.text) < 100:
            head = word.head
            if head.lemma_ == "be" or head.lower_ in ("old", "aged") or word.dep_ == "appos":
                return True
    return False


def plainly_child(token: Token) -> bool:
    """Plainly a child: a child noun, name or age, not a pronoun (which could be anyone)."""
    return is_child_ref(token) and not is_adult_ref(token) and token.pos_ != "PRON"


def surely_child(token: Token) -> bool:
    """A child by a child noun or an age under 18, not only a name ("a 15-year-old pupil").

    "Her foster carer's son, who is 26": a child noun with an adult age is an adult.
    """
    age = stated_age(token)
    if age is not None:
        return age < 18
    return plainly_child(token) and token.pos_ == "NOUN" and not adult_age_stated(token)


def child_subject(span: Span) -> bool:
    """The matched verb's subject may be the child (or the clause has no stated subject)."""
    verb = main_verb(span)
    if acts_on_person(verb) or coerced(verb):
        return False
    subject = subject_of(verb)
    if subject is not None and subject.lower_ in words.of("reflexive"):
        return True  # "got herself raped" parsed with "herself" as the subject: the child's
    return subject is None or is_child_ref(referent(subject))


_QUANTIFIERS = frozenset("lot lots some many most all number majority few none one each".split())


def referent(subject: Token) -> Token:
    """Who a subject stands for, the noun behind a relative pronoun or a quantity.

    "who" in a relative clause is the noun it hangs from (and the subject of "She is a person
    who ..."), "a lot of these children" is the children, "young person" is the person.
    """
    if subject.lower_ in ("who", "that", "which") and subject.head.dep_ == "relcl":
        subject = subject.head.head
        linking = subject.head
        neutral = not is_child_ref(subject) and not is_adult_ref(subject)
        if subject.dep_ == "attr" and linking.lemma_ == "be" and neutral:
            # "She is a frequent missing person who ...": the person is the linking verb's
            # subject, the child, when the noun itself does not say who it is.
            named = [c for c in linking.children if c.dep_ == "nsubj"]
            if named and named[0].pos_ in ("PRON", "PROPN", "NOUN"):
                subject = named[0]
    if subject.lemma_.lower() in _QUANTIFIERS:
        for prep in subject.children:
            if prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects:
                    return head_noun(objects[0])
    return head_noun(subject)


def subject_forms(subject: Token | None) -> tuple[str, str, str]:
    """(subject, object, possessive) wording for the child, defaulting to "the child"."""
    if subject is None:
        return "the child", "the child", "the child's"
    lower = subject.lower_
    if lower in OBJECT_FORM:
        return subject.text, OBJECT_FORM[lower], POSSESSIVE_FORM[lower]
    words = [
        t
        for t in subject.subtree
        if t.dep_ not in ("punct", "appos", "acl", "relcl") or t.text == "-"
    ]
    # Emoji and stray marks the parser hangs on a name are not part of it.
    while words and not (words[0].is_alpha or words[0].like_num) and words[0].i != subject.i:
        words = words[1:]
    # "the 14-year-old" is six tokens: hyphens and their parts count as one word.
    size = len([t for t in words if t.text != "-"]) - sum(1 for t in words if t.text == "-")
    if words and words[-1].i - words[0].i + 1 == len(words) and size <= 4:
        phrase = subject.doc[words[0].i : words[-1].i + 1].text
    else:
        phrase = subject.text
    age = _stated_age_after(subject) or _aside_after(subject)
    return phrase + age, phrase + age, phrase + "'s"


def _stated_age_after(subject: Token) -> str:
    """The age written beside a name ("Maya, 14," or "Aisha (15)"), kept with it."""
    # The next few tokens' text, exactly as written (``Doc.text`` would join every token).
    after = subject.whitespace_ + subject.doc[subject.i + 1 : subject.i + 8].text
    found = _AGE_BESIDE.match(after[:14])
    return found.group(1) if found else ""


def _aside_after(subject: Token) -> str:
    """A short aside in brackets after a name, kept with it: "Sam (they/them)", "YP (Child A)"."""
    doc = subject.doc
    if subject.i + 1 >= len(doc) or doc[subject.i + 1].text != "(":
        return ""
    close = next((t.i for t in doc[subject.i + 2 : subject.i + 8] if t.text == ")"), None)
    if close is None:
        return ""
    return subject.whitespace_ + doc[subject.i + 1 : close + 1].text


_AGE_BESIDE = re.compile(
    r"^(,\s*(?:aged\s+)?\d{1,2}\s*(?:,|(?=[.;:!?]|$))|\s*\(\s*(?:aged\s+)?\d{1,2}\s*\))"
)


REFLEXIVE_OWNER = {"herself": "she", "himself": "he", "themselves": "they", "themself": "they"}


def victim_pronoun(span: Span, victim: Token | None) -> str:
    """The child's pronoun: the subject itself, or told by a reflexive ("YP ... herself")."""
    if victim is not None and victim.lower_ in CHILD_PRONOUNS:
        return victim.lower_
    for token in span:
        if token.lower_ in REFLEXIVE_OWNER:
            return REFLEXIVE_OWNER[token.lower_]
    return victim.lower_ if victim is not None else ""


# Verbs whose object is a thing passed on: "sent them to someone she met online" (the photos).
_PASSING_VERBS = frozenset("send share post forward upload give show sell carry deliver".split())


def _thing_moved(token: Token) -> bool:
    """The "them" a verb of passing on moves to someone: the photos, not a person."""
    verb = token.head
    if token.dep_ != "dobj" or token.lower_ != "them" or verb.lemma_.lower() not in _PASSING_VERBS:
        return False
    return any(c.dep_ in ("prep", "dative") and c.lower_ in ("to", "with") for c in verb.children)


def _says_who(noun: Token) -> bool:
    """A noun that says what a pronoun subject is: "He is [a young man] now", not another person."""
    if noun.dep_ not in ("attr", "oprd", "appos"):
        return False
    subject = subject_of(noun.head) if noun.dep_ != "appos" else noun.head
    return subject is not None and subject.pos_ == "PRON"


def find_agent(span: Span, victim: Token | None) -> str | None:
    """The person responsible for the harm, where the note names one, in subject form.

    In order: an adult by age ("the 24-year-old man"); an adult or a group who harms the child
    in this sentence ("the man", "the older boys", "the men at the flat"), never a professional
    who writes or acts on the note; another pronoun harming the child's ("when he touched
    her"); a pronoun that is not the child's ("by meeting him"), unless it is the one being
    harmed ("when the man assaulted him"); the owner of a place ("his
    flat"); and last, an adult named in the sentences just before.
    """
    sent = span.sent
    victim_lower = victim_pronoun(span, victim)
    for token in sent:
        if token is not victim and _adult_age(token):
            return _definite(token, span)
    inside = range(span.start, span.end)
    harming = words.of("harming_verbs") | words.of("force_verbs")
    for token in sent:
        # "when the man sexually assaulted him": whoever does the harm in this sentence.
        if token is victim or token.dep_ != "nsubj" or token.pos_ not in ("NOUN", "PROPN"):
            continue
        professional = token.lower_ in words.of("professional_nouns")
        if token.head.lemma_.lower() in harming and not is_child_ref(token) and not professional:
            return _definite(token, span)
    for token in sent:
        # The subject of "what the men wanted" inside the replaced words is the one whose will
        # the child is said to have gone along with; other subjects there are the child.
        wanted = any(c.lower_ == "what" for c in token.head.children)
        if token is victim or (token.i in inside and token.dep_ in _SUBJECT_DEPS and not wanted):
            continue
        if token.pos_ in ("NOUN", "PROPN") and _harming_party(token) and not _says_who(token):
            return _definite(token, span)
    for token in sent:
        # "She went along with it when he touched her": the other pronoun, harming the child.
        if token.dep_ != "nsubj" or token.lower_ not in ("he", "she") or token.i in inside:
            continue
        if token.lower_ == victim_lower or not _lemmas(token.head) & harming:
            continue
        if any(
            c.dep_ == "dobj" and SUBJECT_FORM.get(c.lower_) == victim_lower
            for c in token.head.children
        ):
            return token.lower_
    for token in sent:
        if token.i in inside and token.dep_ in _SUBJECT_DEPS:
            continue
        # Only inside the words a rewrite replaces ("by meeting him"): "it was obvious to her"
        # elsewhere in the sentence is a witness, not the person who did it.
        if token.dep_ in ("pobj", "dobj") and token.pos_ == "PRON" and token.i in inside:
            subject = SUBJECT_FORM.get(token.lower_)
            harmed = token.head.lemma_.lower() in words.of("harming_verbs") | words.of(
                "force_verbs"
            )
            mine = subject == victim_lower or _thing_moved(token)
            if subject in ("he", "she", "they") and not mine and not harmed:
                return subject
    # "by going to his flat": the owner of the place is the person the sentence points at.
    for token in sent:
        owner = POSSESSIVE_OWNER.get(token.lower_)
        place = token.head.lemma_.lower() in words.of("place_nouns")
        if token.dep_ == "poss" and place and owner and owner not in (victim_lower, "they"):
            return owner
    return _named_before(span)


def _lemmas(verb: Token) -> set[str]:
    """The verb's lemma, and lemminflect's where the model's is wrong ("raped" -> "rap")."""
    found = {verb.lemma_.lower()}
    for lemmas in getAllLemmas(verb.lower_, upos="VERB").values():
        found.update(lemmas)
    return found


def _harming_party(token: Token) -> bool:
    """An adult other than a professional, or a group such as "the older boys" or "olders"."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in words.of("professional_nouns") or lemma in words.of("professional_nouns"):
        return False
    if lower in words.of("adult_party_words") or lemma in words.of("adult_party_words"):
        return True
    if any(c.dep_ == "amod" and c.lower_ in ("older", "adult") for c in token.children):
        return True
    return is_adult_ref(token) and lower not in PROFESSIONAL_PRONOUNS and not _family(token)


def _family(token: Token) -> bool:
    return token.lemma_.lower() in ("mum", "mother", "dad", "father", "parent", "carer", "family")


def _named_before(span: Span, sentences: int = 3) -> str | None:
    """An adult by age or an adult party named in the few sentences before this one."""
    doc = span.doc
    start = span.sent.start
    seen = 0
    while start > 0 and seen < sentences:
        previous = doc[start - 1].sent
        for token in previous:
            if _adult_age(token) or (token.pos_ == "NOUN" and _harming_party(token)):
                return _definite(token, span)
        start = previous.start
        seen += 1
    return None


def _adult_age(token: Token) -> bool:
    """A person described by an adult age: "the 19-year-old", "a 24-year-old man"."""
    age = stated_age(token)
    return age is not None and age >= 18 and token.pos_ in ("NOUN", "PROPN")


_DESCRIBING = frozenset(["prep", "relcl", "acl"])
_DESCRIBED_MAX = 10
# How a note gives an adult's age as a decade: "a man in his twenties", "males in their 30s".
DECADE_WORDS = frozenset(
    "teens twenties thirties forties fifties sixties 20s 30s 40s 50s 60s mid-20s mid-30s".split()
)


def _described_after(token: Token) -> int | None:
    """The last token of a short description after the noun ("from the estate"), if any."""
    right = [c for c in token.children if c.i > token.i]
    if not right or any(c.dep_ not in _DESCRIBING for c in right):
        return None
    for child in right:
        if child.dep_ == "prep" and not (
            child.lower_ in ("from", "of")
            or (child.lower_ == "in" and any(t.lower_ in DECADE_WORDS for t in child.subtree))
        ):
            return None  # "a man at his flat", "the men with her": a place or another role
    last = max(c.right_edge.i for c in right)
    words = token.doc[token.i + 1 : last + 1]
    if len(words) > _DESCRIBED_MAX or any(t.is_punct or t.is_quote for t in words):
        return None
    return last


def _definite(token: Token, span: Span | None = None) -> str:
    """'a man' -> 'the man', 'older men' -> 'the older men': the agent as a known person.

    What the note says of them after the noun comes too, when it is short ("elders from the
    estate who are known to police"): it says who they are, and it is a fact of the record.
    """
    if token.dep_ in ("amod", "compound") and token.head.i > token.i and token.head.pos_ == "NOUN":
        token = token.head  # "an adult male called Dean": the person is the noun
    words = [t for t in token.subtree if t.i <= token.i]
    if not words or len(words) > 7:
        return f"the {token.text}"
    after = _described_after(token)
    if after is not None and span is not None and token.i < span.start <= after:
        after = None  # the description is the flagged wording itself ("adults who have sex")
    text = token.doc[words[0].i : (after or words[-1].i) + 1].text
    first = words[0].lower_
    if first in ("a", "an", "some"):
        return "the " + text.split(" ", 1)[1]
    if first in ("the", "his", "her", "their") or token.pos_ == "PROPN":
        return text
    if words[0].tag_ in ("DT", "PRP$", "WDT") or words[0].dep_ in ("det", "poss"):
        return text  # "another teacher", "that man": a determiner of its own
    if words[0].like_num or words[0].dep_ in ("nummod", "quantmod", "advmod"):
        return text  # "two men", "up to 20 men": counted, not "the two men" by default
    return "the " + text
