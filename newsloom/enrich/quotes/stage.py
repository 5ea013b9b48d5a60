"""Direct quotes and reported speech with their speakers, channel and date.

Direct quotes are found between quote marks (quotes_direct), attributed to the
nearest cue verb outside the marks in the same sentence (quotes_cues); a quote
with no cue of its own continues the latest quote's speaker (direct or reported)
when it follows in the same or the next paragraph. Speaker phrases are resolved in
text order, so a pronoun can follow the speakers of the quotes before it. Partial
quotes inside a sentence (`called it "a disaster"`), names and titles in marks (`a
group called "..."`) and short unattributed scare quotes are not quotations. Reported
speech is a cue verb with a subject and a clausal complement in the parse.
Speakers are resolved by speakers_resolve; confidence follows how the speaker
was found (a name over a pronoun over a role noun over nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from newsloom.enrich.nlp import doc_text
from newsloom.enrich.quotes.config import QuoteConfig, quote_config
from newsloom.enrich.quotes.context import channel_in, date_of
from newsloom.enrich.quotes.cues import (
    Attribution,
    attribute_direct,
    inside_quotes,
    is_cue,
)
from newsloom.enrich.quotes.direct import QuotedSpan, find_quoted_spans
from newsloom.enrich.quotes.reported import Reported, find_reported
from newsloom.enrich.quotes.speakers import Speaker, SpeakerResolver
from newsloom.record import Article, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SENTENCE_END = ".!?…"
CLOSERS = SENTENCE_END + ",;:\"”’»'"


@dataclass(slots=True)
class _Context:
    article: Article
    doc: Doc
    config: QuoteConfig
    quoted: list[QuotedSpan]
    resolver: SpeakerResolver


class QuoteStage:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[frozenset[str]] = frozenset({"parse", "entities", "times"})
    assigns: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __call__(self, article: Article, doc: Doc) -> None:
        config = quote_config()
        quoted = find_quoted_spans(doc_text(doc), config)
        inside = inside_quotes(doc, quoted)
        resolver = SpeakerResolver(article, doc, config, inside)
        context = _Context(article, doc, config, quoted, resolver)
        found = outermost(find_reported(doc, inside, config))
        attributions = [(s, attribute_direct(doc, s, inside, config)) for s in quoted]
        phrases = [r.speaker for r in found] + [a.speaker for _, a in attributions if a]
        resolver.resolve_all([p for p in phrases if p is not None])
        reported = [
            _quote(context, "reported", r.start, r.end, r.cue, r.cue_start, r.cue_end, r.speaker)
            for r in found
        ]
        direct = [
            q
            for q in _direct_quotes(context, attributions, reported)
            if not any(_holds(doc, r, q) for r in reported)
        ]
        article.quotes = sorted([*direct, *reported], key=lambda q: (q.start, q.end))


def _holds(doc: Doc, reported: Quote, direct: Quote) -> bool:
    """The direct quote lies inside reported speech; one the content opens with may run on
    to its own closing punctuation and marks (`tweeted that "...the call!"`)."""
    if reported.start <= direct.start and direct.end <= reported.end:
        return True
    text = doc_text(doc)
    end = reported.end
    while end < len(text) and text[end] in CLOSERS:
        end += 1
    opens = not text[reported.start : direct.start].strip(CLOSERS + " ")
    return opens and reported.start <= direct.start and direct.end <= end


def outermost(found: list[Reported]) -> list[Reported]:
    """Attributions at the writer's level only: one whose content lies inside another's
    clause (`X said [Y believes [Z]]`) is part of what X said, not a second claim the
    article makes, so the inner one is dropped (as PolNeAR's annotators do), and of two
    with the same content the first is kept. A noun-phrase content swallows only noun
    cues (`announced [plans to ...]`), not a verb in its relative clause (`discussed [a
    deal, which Y said ...]`)."""
    kept: list[Reported] = []
    for r in sorted(found, key=lambda r: (r.start, -r.end)):
        if any(_swallows(k, r) for k in kept):
            continue
        kept.append(r)
    return kept


def _swallows(outer: Reported, inner: Reported) -> bool:
    if not (outer.start <= inner.start and inner.end <= outer.end):
        return False
    return outer.clause or inner.cue.pos_ == "NOUN"


def _direct_quotes(
    context: _Context,
    attributions: list[tuple[QuotedSpan, Attribution | None]],
    reported: list[Quote],
) -> list[Quote]:
    """Quotes between marks; one without a cue of its own continues the latest quote
    before it, direct or reported (`King added that ... . "Dell's storage ..."`)."""
    text, config = doc_text(context.doc), context.config
    quotes: list[Quote] = []
    previous: Quote | None = None
    for span, attribution in attributions:
        earlier = [q for q in reported if q.end <= span.open]
        if earlier and (previous is None or earlier[-1].end > previous.end):
            previous = earlier[-1]
        if _is_fragment(text, span, attribution, config, _word_before(context.doc, span)):
            continue
        if attribution is None or attribution.cue is None:
            quote = _continued(context, span, previous)
        else:
            cue = attribution.cue
            quote = _quote(
                context,
                "direct",
                span.start,
                span.end,
                cue,
                cue.idx,
                cue.idx + len(cue.text),
                attribution.speaker,
            )
        if quote is not None:
            quotes.append(quote)
            previous = quote
    return quotes


def _is_fragment(
    text: str,
    span: QuotedSpan,
    attribution: Attribution | None,
    config: QuoteConfig,
    word_before: Token | None,
) -> bool:
    """A scare quote or a partial quote woven into the writer's own sentence (a word
    other than a cue verb runs straight into the opening mark), or a name or title (`a
    group called "..."`, `a report titled "..."`: the naming word has no subject)."""
    content = text[span.start : span.end]
    before = text[: span.open].rstrip(" \t\u00a0")
    woven = bool(before) and before[-1].isalnum()
    if woven and not (word_before is not None and is_cue(word_before, config)):
        return True
    if word_before is not None and word_before.lower_ in config.marks.naming_words:
        subjects = [c for c in word_before.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return True
    if _is_title(content):
        return True
    return attribution is None and len(content.split()) < config.marks.min_words


def _is_title(content: str) -> bool:
    """A title or headline in marks (`wrote "The Art of the Deal"`): short, its words
    capitalised, no sentence punctuation."""
    words = content.split()
    if not 2 <= len(words) <= 10 or any(mark in content for mark in ".!?;"):
        return False
    small = {"a", "an", "the", "of", "in", "on", "for", "and", "to", "at", "by", "with"}
    capital = [w for w in words[1:] if w.lower() not in small]
    return bool(capital) and all(w[:1].isupper() for w in capital)


def _word_before(doc: Doc, span: QuotedSpan) -> Token | None:
    located = doc.char_span(span.open, span.open + 1, alignment_mode="expand")
    if located is None or located.start == 0:
        return None
    return doc[located.start - 1]


def _continued(context: _Context, span: QuotedSpan, previous: Quote | None) -> Quote | None:
    """A quote without its own cue: the previous speaker's, when it follows closely."""
    text = doc_text(context.doc)
    if previous is None or text.count("\n\n", previous.end, span.open) > 1:
        return None
    starts_sentence = text[: span.open].rstrip()[-1:] in ("", *SENTENCE_END, "\n", '"', "”")
    if not starts_sentence:
        return None
    confidence = max(previous.confidence - context.config.confidence["no_cue"], 0.0)
    return Quote(
        text=text[span.start : span.end],
        kind="direct",
        start=span.start,
        end=span.end,
        cue=previous.cue,
        speaker=previous.speaker,
        speaker_id=previous.speaker_id,
        channel=previous.channel,
        date=previous.date,
        confidence=confidence,
        speaker_span=previous.speaker_span,
    )


def _quote(
    context: _Context,
    kind: Literal["direct", "reported"],
    start: int,
    end: int,
    cue: Token,
    cue_start: int,
    cue_end: int,
    phrase: object,
) -> Quote:
    from spacy.tokens import Span

    text, config = doc_text(context.doc), context.config
    speaker: Speaker | None = context.resolver.resolve(phrase) if isinstance(phrase, Span) else None
    sentence = cue.sent
    clause = _blank(text, sentence.start_char, sentence.end_char, (start, end))
    confidence = config.confidence[speaker.kind if speaker else "none"]
    if kind == "reported":
        confidence -= config.confidence["reported_penalty"]
    return Quote(
        text=text[start:end],
        kind=kind,
        start=start,
        end=end,
        cue=text[cue_start:cue_end],
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.id if speaker else None,
        channel=channel_in(clause, config),
        date=date_of(context.article, sentence, cue_start, (start, end)),
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
        speaker_span=(speaker.start, speaker.end) if speaker else None,
        cue_span=(cue_start, cue_end),
    )


def _blank(text: str, start: int, end: int, hole: tuple[int, int]) -> str:
    """The sentence with the quote's own words blanked out, so channels come from the
    attribution and not from what was said."""
    low, high = max(start, hole[0]), min(end, hole[1])
    if low >= high:
        return text[start:end]
    return text[start:low] + " " * (high - low) + text[high:end]
