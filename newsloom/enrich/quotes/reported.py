"""Reported speech in the dependency parse: a cue with a source and a content.

A cue verb is looked up by category (newsloom/data/quotes.toml `[reported]`):
clausal cues carry a clause (`X said/believes that ...`), infinitive cues a `to`
clause of a speech act (`X vowed to ...`), prepositional cues the object of one
preposition (`X called for higher taxes`), object cues a noun phrase with what is
said of it (`X accused Y of lying`, `X described the plan as a failure`) and naming
cues an object with its predicate (`X called the plan a disaster`). The source is
the cue's subject (or its head's, for a conjoined or participle cue). `according to
X, ...` and transcript turns (`NAME: ...`) are read as well. A content that is
mostly one quotation between marks is a direct quote and left to quotes_direct.

A quote is something said: a plan or a wish (`wants to`, `agreed to`), an act on a
noun phrase (`defended the plan`), a negated or refused cue (`did not confirm`,
`declined to comment`), a headline or link line, the writer's own voice (`as we have
noted`) and an expletive or demonstrative subject (`it was agreed that`, `That
suggests`) report nothing.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsloom.enrich.nlp import doc_text
from newsloom.enrich.quotes.config import QuoteConfig
from newsloom.enrich.quotes.cues import (
    DASHES,
    antecedent,
    is_relative,
    negated,
    noun_phrase,
    speaker_of,
)
from newsloom.enrich.quotes.nouns import noun_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CATEGORIES = ("clausal", "naming", "infinitive", "object", "prepositional")
SENTENCE_MARKS = ".!?…"
# What may follow a sentence's last full stop on its line.
CLOSING = " \t\"”’'»)]"
# Words whose full stop marks an abbreviation, not a sentence's end (a single capital,
# as in `U.S.` or `J. Smith`, is one too).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "dept",
        "gov",
        "sen",
        "rep",
        "gen",
        "col",
        "lt",
        "capt",
        "sgt",
        "prof",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
    ]
)
# Subjects that point at the text, not at someone who spoke.
DEMONSTRATIVES = ("that", "this", "these", "those", "which", "what")
# Entity types of a line label that names no speaker (`NEW YORK:`, `Monday:`).
NOT_LABELS = ("GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT")
# Dependents that leave a `to` clause bare (`not to be named`).
BARE = ("aux", "auxpass", "neg", "punct")
# Entity types of a subject that can say something in an `as` aside ("as Ana Velt said").
SPEAKING_ENTITIES = ("PERSON", "ORG", "NORP", "GPE")
# What ends a line of text, for a content: a line break or a table cell's border.
LINE_STOPS = ("\n", "|")
# Subjects that are the writer speaking outside any quotation (`as we have noted`).
WRITER = ("we", "i", "us")
# Parts of speech that carry no content of their own (`it`, `that`, `this one`).
EMPTY_POS = ("PRON", "DET", "AUX", "PART", "CCONJ", "ADP")
CUE_TAGS = ("VERB",)


@dataclass(slots=True, frozen=True)
class Reported:
    start: int
    end: int
    cue_start: int
    cue_end: int
    cue_text: str
    cue: Token
    speaker: Span | None
    # The content is a clause (what was said), not a noun phrase (what was spoken of).
    clause: bool = True


def find_reported(doc: Doc, inside: Sequence[bool], config: QuoteConfig) -> list[Reported]:
    found: list[Reported] = []
    text = doc_text(doc)
    prose = ProseLines(text)
    for token in doc:
        if inside[token.i] or not prose.at(token.idx):
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc):
            reported = _according(token, config)
        elif token.pos_ in CUE_TAGS:
            reported = _by_category(token, config)
        elif token.pos_ == "NOUN":
            reported = _by_noun(token, config)
        else:
            reported = None
        if reported is None or _is_quotation(reported, inside, config):
            continue
        if is_said(reported, text, config):
            found.append(reported)
    found.extend(r for r in _colon_lines(doc, config) if not _is_quotation(r, inside, config))
    return found


def _by_noun(noun: Token, config: QuoteConfig) -> Reported | None:
    cue = noun_cue(noun, config)
    if cue is None or cue.speaker is None:
        return None
    return _reported(noun, cue.speaker, cue.content, noun.i, noun.i + 1)


def _by_category(verb: Token, config: QuoteConfig) -> Reported | None:
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if negated(verb) or _refused(verb, config):
        return None  # "did not confirm", "declined to comment": nothing was said
    for category in CATEGORIES:
        if category != "prepositional" and lemma not in config.reported_cues[category]:
            continue
        if passive and category == "object":
            return _by_agent(verb) if config.reported.noun_phrase_objects else None
        if passive and category != "clausal":
            continue  # "was praised for": the subject is the topic, not the source
        part = _content(verb, category, config)
        if not part:
            continue
        speaker = speaker_of(verb)
        if speaker is None or _no_source(speaker) or _evidence_aside(verb, speaker, config):
            return None
        held = set(range(speaker.start, speaker.end))
        part = [t for t in part if t.i not in held]
        if category == "clausal" and not _is_aside(verb, config):
            part = _clause_side(verb, part, held, config)
        minimum = 2 if category in ("clausal", "infinitive") else 1
        reported = _reported(verb, speaker, part, verb.i, verb.i + 1, minimum)
        if reported is not None:
            return replace(reported, clause=category in ("clausal", "infinitive"))
    return None


def _refused(verb: Token, config: QuoteConfig) -> bool:
    """A cue under a refusal (`declined to comment on the report`, `refused to say`) or
    the purpose of a passive (`the video had been altered to show ...`, `was asked to
    comment`): nobody said anything."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in config.reported.refusals:
        return True
    purpose = verb.dep_ in ("xcomp", "advcl") and any(c.tag_ == "TO" for c in verb.lefts)
    return purpose and any(c.dep_ == "auxpass" for c in verb.head.children)


def _no_source(speaker: Span) -> bool:
    """An expletive subject (`it was agreed that`, `there`) or a demonstrative (`That
    suggests ...`, `This shows ...`) names no one."""
    root = speaker.root
    if len(speaker) == 1 and is_relative(root):
        root = antecedent(root)  # "Those who claim ...": as "Those claim ..."
        return root.lower_ in DEMONSTRATIVES
    if len(speaker) != 1:
        return False
    if root.lower_ in DEMONSTRATIVES:
        return True
    expletive = root.dep_ == "expl" or root.lower_ in ("it", "there")
    return expletive and root.dep_ in ("nsubjpass", "expl")


def _evidence_aside(verb: Token, speaker: Span, config: QuoteConfig) -> bool:
    """ "As the scandal has shown, ...", "as the figures show": a thing's evidence in an
    `as` aside, not someone's words ("as Ana Velt said" is)."""
    if verb.lemma_.lower() not in config.reported.evidence or not _is_aside(verb, config):
        return False
    return not any(t.ent_type_ in SPEAKING_ENTITIES for t in speaker)


def _clause_side(
    verb: Token, part: list[Token], held: set[int], config: QuoteConfig
) -> list[Token]:
    """The side of the cue its clause is on: after it (`X said [...]`) unless the clause
    comes first and ends at punctuation before the speaker (`[...], X said`)."""
    after = [t for t in part if t.i > verb.i]
    first = min(held | {verb.i})
    before = [t for t in part if t.i < first]
    if len(after) >= len(before):
        return after
    addressed = verb.lemma_.lower() in config.cues.addressee
    if not addressed and any(c.dep_ == "dobj" for c in verb.children):
        # "..., it posted a series of tweets": the clause before is narration; an
        # addressee is no object of that kind ("..., she told reporters").
        return after
    # "PUND-It's King said ...": a clause before the speaker is set off by punctuation.
    last = before[-1].i
    if any(t.is_punct for t in verb.doc[last:first]):
        return before
    return after


def _by_agent(verb: Token) -> Reported | None:
    """`The plan was rejected by Mary Jones`: a passive object cue reports its subject,
    and the source is the `by` agent; without an agent there is no source."""
    subject = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.rights if c.dep_ == "agent"), None)
    source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if subject is None or source is None:
        return None
    part = sorted(subject.subtree, key=lambda t: t.i)
    reported = _reported(verb, noun_phrase(source), part, verb.i, verb.i + 1, 1)
    return replace(reported, clause=False) if reported is not None else None


def _content(verb: Token, category: str, config: QuoteConfig) -> list[Token]:
    deps = config.reported.complements[category]
    if category == "prepositional":
        return _prepositional(verb, config)
    # Of two complements the one after the cue is its content (`[<tweet>] ..., X noted
    # that [...]`), unless the cue follows a comma or a quote (`[...], said the expert,
    # Ian Smillie, who co-wrote ...`): then what comes after it is its subject.
    complements = [c for c in verb.children if c.dep_ in deps]
    inverted = verb.i > 0 and verb.doc[verb.i - 1].is_punct
    after = [c for c in complements if c.i > verb.i]
    child = after[0] if after and not inverted else next(iter(complements), None)
    if child is None and category == "clausal" and _is_aside(verb, config):
        # "The harbour, Mary Jones said, will reopen": the content is the clause the
        # cue interrupts; its extent runs over the cue, as a discontinuous gold span does.
        return _interrupted(verb)
    if child is None:
        return []
    if category != "clausal" and child.i < verb.i:
        return []
    if category == "infinitive" and not _is_to_clause(child):
        return []
    if category == "naming":
        return _named_as(verb, child, config)
    tokens = list(child.subtree)
    if category == "clausal" and child in after:
        tokens.extend(_run_on(child, after))
    if category == "object":
        extension = _object_extension(verb, child, config)
        if not extension and not config.reported.noun_phrase_objects:
            return []  # "defended the plan", "unveiled a phone": an act, not what was said
        tokens.extend(extension)
    return sorted(tokens, key=lambda t: t.i)


def _run_on(first: Token, after: list[Token]) -> list[Token]:
    """Further complements of the cue that run straight on from the first at a dash or
    a hyphen, without a subject of their own: a parse that cut one clause in two there
    (`said the family - regarded as pioneers - were still in shock`, `said they were
    co-operating`) gives both halves as complements, and both are what was said. One
    with its own subject is a clause of its own (`... and Democrats accused ...`)."""
    tokens: list[Token] = []
    end = first.right_edge.i
    for child in after[after.index(first) + 1 :]:
        own = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
        cut = child.left_edge.text in DASHES or child.doc[end].text in DASHES
        if child.left_edge.i != end + 1 or own or not cut:
            break
        tokens.extend(child.subtree)
        end = child.right_edge.i
    return tokens


def _is_to_clause(verb: Token) -> bool:
    """`(vowed) to close the harbour`, not a participle (`told cheering teachers`) nor a
    bare passive about the speaker (`asked not to be named`, `to be identified`)."""
    if verb.pos_ not in ("VERB", "AUX") or not any(c.tag_ == "TO" for c in verb.lefts):
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return not (passive and not any(c.dep_ not in BARE for c in verb.children))


def _named_as(verb: Token, obj: Token, config: QuoteConfig) -> list[Token]:
    """`called [the plan a disaster]`: the object through its predicate, which the parse
    hangs on the cue as a sibling; without a predicate (`called a meeting`) nothing."""
    predicates = config.reported.complements["predicate"]
    predicate = next((c for c in verb.rights if c.dep_ in predicates and c.i > obj.i), None)
    if predicate is None:
        return []
    return list(verb.doc[obj.left_edge.i : predicate.right_edge.i + 1])


def _interrupted(verb: Token) -> list[Token]:
    """The clause around a parenthetical cue, less the cue, its speaker and what
    follows it in its own phrase; a subject the parse hung on the cue before its
    speaker still belongs to the clause."""
    speaker = speaker_of(verb)
    first = speaker.start if speaker is not None else verb.i
    kept = {t.i for c in verb.lefts if c.i < first and not c.is_punct for t in c.subtree}
    inner = {t.i for t in verb.subtree} - kept
    return [t for t in verb.head.subtree if t.i not in inner]


def _is_aside(verb: Token, config: QuoteConfig) -> bool:
    """A parenthetical cue, or one in an `as` clause (`Prices, as Mary Jones noted,
    will rise`): either way the content is the clause around it."""
    if _is_parenthetical(verb, config):
        return True
    marks = [c for c in verb.lefts if c.dep_ == "mark"]
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return False  # "as he was showing the van": an act, not an aside on the clause
    return verb.dep_ == "advcl" and len(marks) == 1 and marks[0].lower_ == "as"


def _is_parenthetical(verb: Token, config: QuoteConfig) -> bool:
    return verb.dep_ in config.reported.complements["parenthetical"]


def _prepositional(verb: Token, config: QuoteConfig) -> list[Token]:
    lemma = verb.lemma_.lower()
    deps = config.reported.complements["prepositional"]
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        if f"{lemma} {prep.lower_}" not in config.reported_cues["prepositional"]:
            continue
        objects = [c for c in prep.children if c.dep_ in deps]
        if objects:
            return list(objects[0].subtree)
    return []


def _object_extension(verb: Token, obj: Token, config: QuoteConfig) -> list[Token]:
    """`accused Mary Jones [of lying]`, `described the plan [as a failure]`; not a time
    (`reported the fire [on Monday]`)."""
    extra: list[Token] = []
    end = obj.right_edge.i
    for sibling in verb.rights:
        if sibling.i <= end:
            continue
        if sibling.left_edge.i != end + 1:
            break
        when = any(c.ent_type_ in ("DATE", "TIME") for c in sibling.children if c.dep_ == "pobj")
        if sibling.dep_ == "prep" and sibling.lower_ in config.reported.object_preps and not when:
            extra.extend(sibling.subtree)
            end = sibling.right_edge.i
        else:
            break
    return extra


def _colon_lines(doc: Doc, config: QuoteConfig) -> list[Reported]:
    """`NAME: what they said` at a line start: the turns of a transcript. A label must be
    a name (not `Officials:`, `Photo:`, a place or a date), and the lines count only
    when someone takes the floor twice (a dialogue) or a quote mark opens the line (a
    quoted transcript): `Name: ...` lines with a new name each are headlines or a
    dateline (`NEW DELHI: ...`), not turns."""
    text = doc_text(doc)
    turns = []
    for match in config.cues.colon_speaker.finditer(text):
        speaker = doc.char_span(*match.span("speaker"), alignment_mode="expand")
        colon = doc.char_span(match.end("speaker"), match.end("speaker") + 1)
        start, end = match.span("content")
        end = len(text[:end].rstrip(" .,;"))
        if speaker is None or colon is None or len(match.group("content").split()) < 2:
            continue
        if not is_prose_line(text, start) or not _is_label(speaker):
            continue
        quoted = text[match.start()] in '"“'
        turns.append(
            (quoted, Reported(start, end, colon.start_char, colon.end_char, ":", colon[0], speaker))
        )
    labels = Counter(turn.speaker.text.lower() for _, turn in turns if turn.speaker is not None)
    dialogue = any(count > 1 for count in labels.values())
    return [turn for quoted, turn in turns if quoted or dialogue]


def _is_label(speaker: Span) -> bool:
    """A speaker's name (a proper noun, or a label in capitals as transcripts write
    them), not a place, a date or a number."""
    if any(t.ent_type_ in NOT_LABELS for t in speaker):
        return False
    return speaker.text.isupper() or any(
        t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in speaker
    )


def _according(token: Token, config: QuoteConfig) -> Reported | None:
    doc = token.doc
    phrase = f"{token.lower_} {doc[token.i + 1].lower_}"
    if phrase not in config.cues.according:
        return None
    objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
    not_sources = config.cues.not_sources
    if not objects or {objects[0].lemma_.lower(), objects[0].lower_} & not_sources:
        return None  # "according to data from ...": a record, not a speaker
    source = noun_phrase(objects[0])
    clause = token.head
    hole = {t.i for t in token.subtree}
    tokens = [t for t in clause.subtree if t.i not in hole]
    after = [t for t in tokens if t.i > max(hole)]
    before = [t for t in tokens if t.i < min(hole)]
    if clause.i not in hole and clause.pos_ in ("VERB", "AUX"):
        # The clause the phrase hangs on is what is sourced, not what trails after it.
        part = before if clause.i < min(hole) else after
    else:
        part = after if len(after) >= len(before) else before
    return _reported(token, source, part, token.i, token.i + 2)


def _reported(
    cue: Token,
    speaker: Span | None,
    part: list[Token],
    cue_first: int,
    cue_end: int,
    minimum: int = 2,
) -> Reported | None:
    part = _on_line_of(cue, part)
    while part and (part[0].is_punct or (part[0].dep_ == "mark" and part[0].lower_ == "that")):
        part = part[1:]
    while part and part[-1].is_punct and part[-1].text not in "?!":
        part = part[:-1]
    if len(part) < minimum:
        return None
    doc = cue.doc
    cue_span = doc[cue_first:cue_end]
    last = part[-1]
    return Reported(
        start=part[0].idx,
        end=last.idx + len(last.text),
        cue_start=cue_span.start_char,
        cue_end=cue_span.end_char,
        cue_text=cue_span.text,
        cue=cue,
        speaker=speaker,
    )


def _on_line_of(cue: Token, part: list[Token]) -> list[Token]:
    """The content's tokens on the cue's own line (or table cell): a parse that runs a
    sentence over a paragraph break does not carry the paragraph before or after, nor
    the page's table of links, into what was said."""
    text = doc_text(cue.doc)
    start = max(text.rfind(stop, 0, cue.idx) for stop in LINE_STOPS) + 1
    ends = [i for i in (text.find(stop, cue.idx) for stop in LINE_STOPS) if i >= 0]
    end = min(ends, default=len(text))
    return [t for t in part if start <= t.idx < end and not t.is_space]


def is_prose_line(text: str, offset: int) -> bool:
    """Whether the line holding `offset` reads as running text: a line with no sentence
    punctuation at all is a headline, a menu or a table of links (`Hamas vows revenge
    Comments: 83`), where a cue verb reports nothing. The full stop of an abbreviation
    (`U.S. troops`, `Dept.`) ends no sentence."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return _has_sentence_mark(text[start : len(text) if end < 0 else end])


def _has_sentence_mark(line: str) -> bool:
    for index, char in enumerate(line):
        if char not in SENTENCE_MARKS:
            continue
        if char != ".":
            return True
        word = line[:index].rsplit(None, 1)[-1] if line[:index].strip() else ""
        last = word.rsplit(".", 1)[-1]
        abbreviation = (len(last) == 1 and last.isupper()) or last.lower() in ABBREVIATIONS
        if not abbreviation or not line[index + 1 :].strip(CLOSING):
            return True  # an abbreviation ending its line ends a sentence too (`Wash.`)
    return False


class ProseLines:
    """`is_prose_line` for every offset of one text, each line read once."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.prose: list[bool] = []
        start = 0
        for line in text.split("\n"):
            self.starts.append(start)
            self.prose.append(_has_sentence_mark(line))
            start += len(line) + 1

    def at(self, offset: int) -> bool:
        return self.prose[bisect.bisect_right(self.starts, offset) - 1]


def is_said(reported: Reported, text: str, config: QuoteConfig) -> bool:
    """Content someone said: not the writer's own voice (`As we have noted, ...`), a
    pronoun alone (`asked about it`) nor a headline in capitals."""
    speaker = reported.speaker
    if speaker is not None and len(speaker) == 1 and speaker.root.lower_ in WRITER:
        return False
    span = reported.cue.doc.char_span(reported.start, reported.end, alignment_mode="expand")
    if span is not None and all(t.pos_ in EMPTY_POS or t.is_punct for t in span):
        return False  # "asked him about it": a pronoun alone says nothing
    letters = [c for c in text[reported.start : reported.end] if c.isalpha()]
    return not (len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.6 * len(letters))


def _is_quotation(reported: Reported, inside: Sequence[bool], config: QuoteConfig) -> bool:
    """Mostly between quote marks and opening at one: a direct quote, not reported.
    A quotation brought in by `that` (`tweeted that "..."`) is the writer's indirect
    report of it, so it stays reported."""
    doc = reported.cue.doc
    span = doc.char_span(reported.start, reported.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    before = span.start - 1
    while before > reported.cue.i and doc[before].is_punct:
        before -= 1
    if before > reported.cue.i and doc[before].lower_ == "that":
        return False
    opens = inside[span.start] or (span.start > 0 and inside[span.start - 1])
    share = sum(inside[t.i] for t in span) / len(span)
    return opens and share > config.reported.quoted_share
