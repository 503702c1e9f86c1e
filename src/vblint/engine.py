"""From a rule's match to a finding: conditions, context, age, span and suggestions.

The rule pack says *what* to look for and under which named conditions; this module is the
one place those names are given meaning.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from vblint.context import EXPLOITATION_CUES, SEXUAL_CUES, DocContext
from vblint.findings import Finding, Severity, Suggestion, SuggestionKind
from vblint.matcher import Candidate
from vblint.offsets import LineIndex
from vblint.roles import (
    child_subject,
    find_agent,
    head_noun,
    is_child_ref,
    is_passive,
    main_verb,
    subject_forms,
    subject_of,
)
from vblint.rules import Rule, RuleSet
from vblint.suggest import Roles, predicate, render, span_starts_sentence

ConditionFn = Callable[[Span, DocContext], bool]

CONDITIONS: dict[str, ConditionFn] = {
    "child_subject": lambda span, ctx: child_subject(span) or _speaker_subject(span, ctx),
    "active": lambda span, ctx: not is_passive(main_verb(span)),
    "sexual_context": lambda span, ctx: ctx.has_cue(span, SEXUAL_CUES),
    "exploitation_context": lambda span, ctx: ctx.has_cue(span, EXPLOITATION_CUES),
    "adult_party": lambda span, ctx: ctx.adult_party(span),
    "child_context": lambda span, ctx: ctx.child_age is not None or _mentions_child(span),
    "under_13": lambda span, ctx: ctx.child_age is not None and ctx.child_age < 13,
    "under_16": lambda span, ctx: ctx.child_age is not None and ctx.child_age < 16,
    "under_18": lambda span, ctx: ctx.child_age is not None and ctx.child_age < 18,
}

_DEFAULT_FRAMING = (
    "Add a sentence in your own words that records the concern, for example: "
    "'[Name] used these words; [who caused the harm and how].'"
)


def _speaker_subject(span: Span, ctx: DocContext) -> bool:
    """Inside quoted speech "I" and "we" are the child speaking, not the note's author."""
    subject = subject_of(main_verb(span))
    return subject is not None and subject.lower_ in ("i", "we") and ctx.is_quoted_speech(span)


def _mentions_child(span: Span) -> bool:
    return any(is_child_ref(t) and t.pos_ != "PRON" for t in span.sent)


class Engine:
    """Turns candidates into findings for one ruleset."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules

    def findings(self, candidates: list[Candidate], ctx: DocContext) -> list[Finding]:
        """Findings for a document, in text order."""
        if not candidates:
            return []
        lines = LineIndex(ctx.doc.text)
        out: list[Finding] = []
        for cand in candidates:
            rule = self.rules.rules[cand.rule]
            finding = self._evaluate(rule, cand, ctx, lines)
            if finding is not None:
                out.append(finding)
        out.sort(key=lambda f: (f.start, f.end, f.rule))
        return out

    def _evaluate(
        self, rule: Rule, cand: Candidate, ctx: DocContext, lines: LineIndex
    ) -> Finding | None:
        span = cand.span
        if not self._applies(rule, span, ctx):
            return None
        severity = self._severity(rule, span, ctx)
        if severity is None:
            return None
        quoted = ctx.is_quoted_speech(span)
        if quoted and "quoted" in rule.unless:
            return None
        target = self._target(rule, span) if not quoted else span
        context_flags: list[str] = []
        if quoted:
            severity = Severity.INFO
            context_flags.append("quoted")
            suggestions: tuple[Suggestion, ...] = (
                Suggestion.build(rule.framing or _DEFAULT_FRAMING, SuggestionKind.FRAME),
            )
        else:
            suggestions = self._suggestions(rule, span, target, ctx)
        message = rule.message.replace("{match}", span.text)
        if cand.near_miss:
            context_flags.append("near-miss")
            message += f" (read as a misspelling of '{cand.near_miss}')"
        line, column = lines.position(target.start_char)
        end_line, end_column = lines.position(target.end_char)
        return Finding(
            rule=rule.id,
            name=rule.name,
            category=rule.category,
            severity=severity,
            message=message,
            explanation=rule.explanation.strip(),
            source=rule.source,
            start=target.start_char,
            end=target.end_char,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=target.text,
            suggestions=suggestions,
            confidence=cand.confidence,
            context=tuple(context_flags),
            safe_fix=rule.safe_fix and not quoted and cand.near_miss is None,
        )

    def _applies(self, rule: Rule, span: Span, ctx: DocContext) -> bool:
        sent = span.sent
        if rule.except_:
            lowered = sent.text.lower()
            rel_start, rel_end = span.start_char - sent.start_char, span.end_char - sent.start_char
            for phrase in rule.except_:
                at = lowered.find(phrase.lower())
                while at != -1:
                    if at < rel_end and at + len(phrase) > rel_start:
                        return False
                    at = lowered.find(phrase.lower(), at + 1)
        if rule.unless_words:
            words = {w.lower() for w in rule.unless_words}
            if any(t.lower_ in words or t.lemma_.lower() in words for t in sent):
                return False
        if not all(CONDITIONS[name](span, ctx) for name in rule.when):
            return False
        if rule.when_any and not any(CONDITIONS[name](span, ctx) for name in rule.when_any):
            return False
        if "negated" in rule.unless and ctx.is_negated(span):
            return False
        if "hypothetical" in rule.unless and ctx.is_hypothetical(span):
            return False
        return not ("mention" in rule.unless and ctx.is_mention(span))

    def _severity(self, rule: Rule, span: Span, ctx: DocContext) -> Severity | None:
        severity = rule.severity
        age_band = ctx.age_band()
        if rule.by_age and age_band is not None and age_band in rule.by_age:
            chosen = rule.by_age[age_band]
            if chosen == "off":
                return None
            severity = Severity(chosen)
        party = rule.adult_party
        if party is not None and party.rank > severity.rank and ctx.adult_party(span):
            severity = party
        return severity

    def _target(self, rule: Rule, span: Span) -> Span:
        """The text a rewrite replaces: the match, or with its subject, or the whole clause."""
        if rule.span == "match":
            return span
        root = main_verb(span)
        subject = subject_of(root)
        start = span.start
        if subject is not None and subject.i < span.start and subject.head.i >= subject.i:
            start = min(start, subject.left_edge.i)
        # Blank lines before a paragraph hang off its subject: never start the target on them.
        while start < span.start and (span.doc[start].is_space or not span.doc[start].text.strip()):
            start += 1
        end = span.end
        if rule.span == "clause":
            tail = [t for t in root.subtree if t.i >= span.end and t.dep_ not in ("cc", "conj")]
            stops = [t.i for t in root.subtree if t.i >= span.end and t.dep_ in ("cc", "conj")]
            limit = min(stops) if stops else root.right_edge.i + 1
            tail = [t for t in tail if t.i < limit]
            if tail:
                end = max(end, max(t.i for t in tail) + 1)
            while end > span.end and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
                end -= 1
        return span.doc[start:end]

    def _suggestions(
        self, rule: Rule, span: Span, target: Span, ctx: DocContext
    ) -> tuple[Suggestion, ...]:
        if not rule.suggest:
            return ()
        verb = main_verb(span)
        subject = subject_of(verb)
        victim = head_noun(subject) if subject is not None else None
        name, obj, pos = subject_forms(victim)
        roles = Roles(
            victim=name,
            victim_obj=obj,
            victim_pos=pos,
            agent=find_agent(target, victim),
            match=span.text,
            age=ctx.child_age,
            verb=verb.lemma_ if verb.pos_ in ("VERB", "AUX") else "",
            rest=predicate(verb),
        )
        capitalise = span_starts_sentence(target)
        seen: dict[str, Suggestion] = {}
        for template in rule.suggest:
            text = render(template, roles, verb, capitalise)
            if text and text not in seen:
                seen[text] = Suggestion.build(text)
        ranked = sorted(seen.values(), key=lambda s: s.has_placeholder)
        return tuple(ranked)
