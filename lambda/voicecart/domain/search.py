"""Voice search: find products from what speech recognition heard.

A query such as "find me some double a batteries under twenty dollars" is parsed into content
terms ("aa", "batteries") and a price range (at most $20). Each term is looked up in an inverted
index (word key -> product ids, one posting list per field tier). A term that is not in the
catalog's vocabulary is widened to vocabulary words that sound alike (metaphone) or are spelled
alike (rapidfuzz), so "cofee" finds coffee and "leggo" finds LEGO; two adjacent terms are also
tried joined ("lay go" -> "lego", "doll house" -> "dollhouse") and one term split
("papertowels" -> "paper" + "towels"). The fuzzy work is done on the vocabulary, once per
distinct word (and cached), never on every product.

A product matches when every required term matches it. Its score is the sum over terms of
field weight x match quality; ties go to the better rated, more reviewed product, which is
simply the product's id (products are numbered best-rated first).

Speed at 100k products comes from never looping over products in Python: a term's matches are
kept as a few disjoint "levels" (score, set of product ids), and AND, OR and the price filter
are set operations on those, which run in C. Ranking walks the levels best first.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal
from heapq import nsmallest
from itertools import combinations, islice

from rapidfuzz import fuzz, process

from .catalog import Product
from .textnorm import (
    UNITS,
    canonical_units,
    catalog_words,
    drop_fillers,
    extract_price,
    fold,
    heard_units,
    is_count_word,
    join_letters,
    sound_key,
    tokenize,
    words_to_numbers,
)

# Field tiers, best first: a word in the name, brand or synonyms says more about a product than
# the same word in its category, which says more than one in its description.
STRONG, CATEGORY, DESCRIPTION = 3, 2, 1
_TIER_WEIGHTS = (STRONG, CATEGORY, DESCRIPTION)

# Match qualities out of 10: the word itself beats a sound-alike, which beats a spelling
# neighbour. A score is weight x quality, so an exact name match (30) beats a fuzzy one (18-24),
# which beats an exact category match (20) and that an exact description match (10).
EXACT, SPLIT, SOUND, NEAR, FAR = 10, 9, 8, 7, 6
# SPLIT: each half of a word the catalog writes as two ("Doll House" for "dollhouse"), a little
# under the word itself so "Dollhouse" ranks first.

_EXPANSION_CACHE_SIZE = 50_000  # distinct spoken words remembered per index
_MAX_EXPANSIONS = 6  # vocabulary words one spoken word may stand for
_CANDIDATE_SPREAD = 15.0  # ratio points below the best candidate still kept
_NEAR_SCORE = 88  # rapidfuzz ratio from which a spelling neighbour counts as NEAR
_SCAN_PRICES_FROM = 2_000  # ids from which the nearest price is found by walking prices
_MAX_SUBSETS = 64  # word subsets tried when looking for a partial match to suggest
_MAX_TERMS = 12  # words of one query that are looked up
# Product ids kept in the per-word levels cache. A broad word ("organic", "coffee") matches
# thousands of products, and turning its posting lists into sets was most of a broad search;
# shoppers reuse the same few hundred words. ~40 bytes an id: about 20 MiB at 500k (a 150k
# budget cut the HTTP search gain by more than half).
_LEVELS_CACHE_IDS = 500_000
# Product ids kept in the price-span cache (a span of 30k ids is about 1 MiB).
_SPAN_CACHE_IDS = 300_000

Expansion = tuple[tuple[str, int], ...]  # (vocabulary key, quality), best first
Levels = list[tuple[int, set[int]]]  # disjoint sets of product ids, best score first
Postings = tuple["array[int]", "array[int]", "array[int]"]  # product ids per tier, ascending


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the original text
    terms: tuple[str, ...]  # normalized content terms, without filler words and price phrases
    max_price: Decimal | None  # inclusive
    min_price: Decimal | None  # inclusive


@dataclass(frozen=True)
class SearchResult:
    query: ParsedQuery
    products: tuple[Product, ...]  # ranked best first, at most `limit`
    total: int  # how many products matched in all
    suggestion: Product | None  # when total == 0: the closest product, else None


def parse_query(text: str) -> ParsedQuery:
    """Split what the shopper said into content terms and a price range.

    Price phrases go first, while "twenty dollars" and "and fifty cents" are still whole;
    "double a" is joined before "a" is dropped as a filler word."""
    tokens = words_to_numbers(tokenize(text))
    low, high, rest = extract_price(tokens)
    terms = heard_units(canonical_units(drop_fillers(join_letters(rest))))
    return ParsedQuery(text=text, terms=tuple(terms), max_price=high, min_price=low)


# ---- levels: a term's matches as disjoint (score, product ids) sets ----------------------


def _max_merge(pairs: Iterable[tuple[int, Iterable[int]]]) -> Levels:
    """(score, ids) pairs that may overlap -> disjoint levels, each id at its best score: the
    OR of several ways to match."""
    by_score: dict[int, set[int]] = {}
    for score, pids in pairs:
        group = by_score.get(score)
        if group is None:
            by_score[score] = set(pids)
        else:
            group.update(pids)
    levels: Levels = []
    seen: set[int] = set()
    scores = sorted(by_score, reverse=True)
    for i, score in enumerate(scores):
        group = by_score[score]
        group -= seen  # our own set, so in place: costs the size of `seen`, not of `group`
        if group:
            levels.append((score, group))
            if i + 1 < len(scores):
                seen |= group
    return levels


def _group(pairs: Iterable[tuple[int, set[int]]]) -> Levels:
    """Disjoint (score, ids) pairs -> levels, one per score, best first."""
    by_score: dict[int, set[int]] = {}
    for score, pids in pairs:
        group = by_score.get(score)
        if group is None:
            by_score[score] = pids
        else:
            group |= pids
    return sorted(by_score.items(), key=lambda level: -level[0])


def _add(first: Levels, second: Levels, halve: bool = False) -> Levels:
    """Ids in both, scores added (halved when two words stand for one): the AND of two terms.
    `&` walks the smaller set, so this costs about the size of the smaller side."""

    def pairs() -> Iterable[tuple[int, set[int]]]:
        for a, ids_a in first:
            for b, ids_b in second:
                both = ids_a & ids_b
                if both:
                    yield ((a + b) // 2 if halve else a + b), both

    return _group(pairs())


def _add_optional(levels: Levels, extra: Levels) -> Levels:
    """A term that only helps the ranking: ids keep their score, plus the term's if it
    matches them."""
    extra_sets = [ids for _, ids in extra]

    def pairs() -> Iterable[tuple[int, set[int]]]:
        for a, ids_a in levels:
            for b, ids_b in extra:
                both = ids_a & ids_b
                if both:
                    yield a + b, both
            rest = ids_a.difference(*extra_sets)
            if rest:
                yield a, rest

    return _group(pairs())


def _total(levels: Levels) -> int:
    return sum(len(ids) for _, ids in levels)


# ---- helpers --------------------------------------------------------------------------------


def _static_rank(product: Product) -> tuple[float, int, str, str]:
    """The tie-break order: better rated, then more reviewed, then by name (stable output)."""
    return (-product.rating, -product.review_count, product.name.lower(), product.sku)


def _key(word: str) -> str:
    """The index key of a query word: its unit's one spelling, folded."""
    return fold(UNITS.get(word, word))


def _field_keys(text: str) -> set[str]:
    return {fold(word) for word in catalog_words(text)}


def _length_window(length: int, cutoff: float) -> range:
    """Word lengths that can reach `cutoff` (0-100) in rapidfuzz's ratio against a word of
    `length` letters, since ratio <= 2 * shorter / (shorter + longer)."""
    c = cutoff / 100
    return range(math.ceil(c * length / (2 - c)), math.floor((2 - c) * length / c) + 1)


@dataclass(frozen=True)
class _Unit:
    """One spoken word (or two said as one) as the products it matches, by score."""

    levels: Levels
    required: bool


class VoiceSearch:
    """An in-memory index over products, built once. `search` only reads the index; its one
    shared mutable thing is the expansion cache, a dict that only ever gets whole values."""

    def __init__(self, products: Iterable[Product]) -> None:
        unique: dict[str, Product] = {}
        for product in products:
            unique[product.sku] = product  # the last one with a sku wins, as in Catalog
        self._products: tuple[Product, ...] = tuple(sorted(unique.values(), key=_static_rank))
        self._prices = [p.price for p in self._products]
        # Ids by price (ties by id), for price-only queries and the nearest price when no
        # match is in range.
        self._by_price = sorted(range(len(self._products)), key=self._prices.__getitem__)
        self._sorted_prices = [self._prices[pid] for pid in self._by_price]
        # Each id's position in _by_price: "is this match in the price range" becomes two int
        # comparisons against the range's slice instead of two Decimal ones.
        self._price_rank = array("i", bytes(4 * len(self._by_price)))
        for rank, pid in enumerate(self._by_price):
            self._price_rank[pid] = rank
        self._postings = self._build_postings()
        # The vocabulary for fuzzy lookups, bucketed so each lookup scores few words.
        self._by_length: dict[int, list[str]] = {}
        self._by_start: dict[tuple[int, str], list[str]] = {}
        self._by_sound: dict[str, list[str]] = {}
        for key in self._postings:
            if len(key) >= 3 and key.isalpha():
                self._by_length.setdefault(len(key), []).append(key)
                self._by_start.setdefault((len(key), key[0]), []).append(key)
                self._by_sound.setdefault(sound_key(key), []).append(key)
        self._expansions: dict[tuple[str, bool], Expansion] = {}
        # word -> its levels. Shared and never mutated: every set operation below makes new
        # sets (see _max_merge, _add, _add_optional, _in_price_range).
        self._levels: dict[str, Levels] = {}
        self._levels_ids = 0
        # price span (ranks lo..hi) -> its product ids. Spoken price caps are a few round
        # sums ("under twenty dollars"), so a few spans come back again and again.
        self._spans: dict[tuple[int, int], frozenset[int]] = {}
        self._spans_ids = 0
        self._spans_seen: set[tuple[int, int]] = set()

    def __len__(self) -> int:
        return len(self._products)

    # ---- index ------------------------------------------------------------------------

    def _build_postings(self) -> dict[str, Postings]:
        """key -> product ids per tier. A key is listed once per product, in its best tier."""
        lists: dict[str, tuple[list[int], list[int], list[int]]] = {}
        repeated: dict[str, set[str]] = {}  # brands and categories repeat across products

        def shared_keys(text: str) -> set[str]:
            keys = repeated.get(text)
            if keys is None:
                keys = repeated[text] = _field_keys(text)
            return keys

        for pid, product in enumerate(self._products):
            strong = _field_keys(product.name) | shared_keys(product.brand)
            for synonym in product.synonyms:
                strong |= _field_keys(synonym)
            category = shared_keys(product.category) - strong
            description = _field_keys(product.description) - strong - category
            for tier, keys in enumerate((strong, category, description)):
                for key in keys:
                    entry = lists.get(key)
                    if entry is None:
                        entry = lists[key] = ([], [], [])
                    entry[tier].append(pid)
        # Arrays of ints take a fraction of a list's memory at 100k products.
        return {
            key: (array("i", s), array("i", c), array("i", d)) for key, (s, c, d) in lists.items()
        }

    # ---- vocabulary expansion -----------------------------------------------------------

    def _expand(self, key: str, joined: bool = False) -> Expansion:
        """Vocabulary keys the spoken key may stand for, cached per distinct key."""
        cache_key = (key, joined)
        found = self._expansions.get(cache_key)
        if found is None:
            found = self._find_expansions(key, joined)
            if len(self._expansions) >= _EXPANSION_CACHE_SIZE:
                self._expansions.clear()  # crude but bounded; a warm cache refills quickly
            self._expansions[cache_key] = found
        return found

    def _find_expansions(self, key: str, joined: bool) -> Expansion:
        exact = key in self._postings
        found: dict[str, tuple[int, float]] = {key: (EXACT, 100.0)} if exact else {}
        # Short words and numbers ("aa", "12", "tea") have too many near neighbours that mean
        # something else (aaa, 120, pea): only the word itself counts.
        if len(key) < 3 or not key.isalpha():
            return tuple((k, q) for k, (q, _) in found.items())
        # Sound-alikes: once the word itself is in the catalog only near-identical spellings
        # join it ("leggo" with "lego"), otherwise looser ones ("laygo" for "lego") do too.
        floor = 85 if exact else 60
        sounds = self._by_sound.get(sound_key(key), ())
        for cand, score, _ in process.extract(
            key, sounds, scorer=fuzz.ratio, score_cutoff=floor, limit=_MAX_EXPANSIONS
        ):
            if cand != key:
                found[cand] = (SOUND, score)
        if not exact and len(key) >= 4:
            for cand, score in self._spelled_near(key, 85 if joined or len(key) == 4 else 80):
                quality = NEAR if score >= _NEAR_SCORE else FAR
                if cand not in found or found[cand][0] < quality:
                    found[cand] = (quality, score)
        if not exact and found:
            # A misheard word stands for its closest candidates only: "cofee" is "coffee"
            # (91), not also the brand "Cove" (67) that happens to sound alike.
            top = max(score for _, score in found.values())
            found = {k: v for k, v in found.items() if v[1] >= top - _CANDIDATE_SPREAD}
        best = sorted(found.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
        return tuple((k, quality) for k, (quality, _) in best[:_MAX_EXPANSIONS])

    def _spelled_near(self, key: str, cutoff: float) -> list[tuple[str, float]]:
        """Vocabulary keys within `cutoff` of `key`. Only words with the same first letter:
        a slip keeps it ("cofee", "towls"), and a mishearing that changes it sounds alike and
        is found by sound instead; "leasi" is not "easy"."""
        hits: list[tuple[str, float]] = []
        for length in _length_window(len(key), cutoff):
            bucket = self._by_start.get((length, key[0]))
            if bucket:
                hits.extend(
                    (cand, score)
                    for cand, score, _ in process.extract(
                        key, bucket, scorer=fuzz.ratio, score_cutoff=cutoff, limit=_MAX_EXPANSIONS
                    )
                )
        hits.sort(key=lambda hit: -hit[1])
        return hits[:_MAX_EXPANSIONS]

    def _closest_key(self, key: str) -> tuple[str, float] | None:
        """The vocabulary key most like `key`, however far: for "did you mean" only."""
        best: tuple[str, float] | None = None
        for length in range(max(1, len(key) - 3), len(key) + 4):
            bucket = self._by_length.get(length)
            hit = process.extractOne(key, bucket, scorer=fuzz.ratio) if bucket else None
            if hit is not None and (best is None or hit[1] > best[1]):
                best = (hit[0], hit[1])
        return best

    # ---- matching -----------------------------------------------------------------------

    def _pairs(self, expansion: Expansion, factor: int = 1) -> list[tuple[int, Iterable[int]]]:
        """(score, ids) for each of the expansion's keys and tiers."""
        return [
            (weight * quality * factor, pids)
            for key, quality in expansion
            for weight, pids in zip(_TIER_WEIGHTS, self._postings[key], strict=True)
            if pids
        ]

    def _word_levels(self, word: str) -> Levels:
        levels = self._levels.get(word)
        if levels is None:
            levels = self._find_word_levels(word)
            size = _total(levels)
            if size <= _LEVELS_CACHE_IDS:
                # The oldest words go first, only as many as make room: dropping the whole
                # cache at once freed half a million ids in one turn (8 ms, bench/ p99).
                while self._levels_ids + size > _LEVELS_CACHE_IDS:
                    oldest = next(iter(self._levels))
                    self._levels_ids -= _total(self._levels.pop(oldest))
                self._levels[word] = levels
                self._levels_ids += size
        return levels

    def _find_word_levels(self, word: str) -> Levels:
        pairs = self._pairs(self._expand(fold(word)))
        # "dollhouse" for "Doll House": the word split in two known words.
        split = self._split(word)
        if split is not None:
            left, right = (_max_merge(self._pairs(((_key(half), SPLIT),))) for half in split)
            pairs.extend(_add(left, right, halve=True))
        elif not pairs:
            # Two words run together and one of them misheard: "chocolatmilk".
            halves = self._split_misheard(word)
            if halves is not None:
                left, right = (_max_merge(self._pairs(half)) for half in halves)
                pairs.extend(_add(left, right, halve=True))
        return _max_merge(pairs)

    def _split(self, word: str) -> tuple[str, str] | None:
        """The most even split of `word` into two vocabulary words of 3+ letters, if any."""
        if not word.isalpha() or len(word) < 6:
            return None
        middle = len(word) / 2
        for at in sorted(range(3, len(word) - 2), key=lambda i: abs(i - middle)):
            if _key(word[:at]) in self._postings and _key(word[at:]) in self._postings:
                return word[:at], word[at:]
        return None

    def _split_misheard(self, word: str) -> tuple[Expansion, Expansion] | None:
        """A word the catalog does not know as one vocabulary word of 4+ letters run together
        with a misheard one: "recycledpeper" -> "recycled" + "paper". The known half
        anchors the split, so only a few fuzzy lookups (cached) are tried, most even first."""
        if not word.isalpha() or len(word) < 8:
            return None
        middle = len(word) / 2
        for at in sorted(range(4, len(word) - 3), key=lambda i: abs(i - middle)):
            left, right = _key(word[:at]), _key(word[at:])
            if left in self._postings:
                heard = self._expand(right)
                if heard:
                    return ((left, SPLIT),), heard
            if right in self._postings:
                heard = self._expand(left)
                if heard:
                    return heard, ((right, SPLIT),)
        return None

    def _joined(self, word: str, nxt: str) -> Expansion:
        """Vocabulary words two spoken words may be when said as one ("doll house" ->
        "dollhouse", "lay go" -> "lego"). A word no longer than either part is that part
        misheard, not the two joined ("aa batteries" is not "batteries"), so it is left out."""
        longest = max(len(fold(word)), len(fold(nxt)))
        joined = word + nxt
        if joined in UNITS:  # "ga llon" -> "gallon", which the index knows as "gal"
            return ((_key(joined), EXACT),)
        return tuple(
            hit for hit in self._expand(fold(joined), joined=True) if len(hit[0]) > longest
        )

    def _units(self, terms: Sequence[str]) -> list[_Unit]:
        """The query terms as units to AND. Adjacent words that also match joined ("doll
        house", "lay go") become one unit matching either way."""
        # A repeated word ("double a double a") adds nothing; past a dozen words a shopper is
        # not describing one product, and each word costs a lookup.
        terms = list(dict.fromkeys(terms))[:_MAX_TERMS]
        units: list[_Unit] = []
        i = 0
        while i < len(terms):
            word = terms[i]
            nxt = terms[i + 1] if i + 1 < len(terms) else ""
            if word.isalpha() and nxt.isalpha():
                joined = self._joined(word, nxt)
                if joined:
                    apart = _add(self._word_levels(word), self._word_levels(nxt))
                    # Joined, it stands for two spoken words, so it scores double.
                    units.append(_Unit(_max_merge([*apart, *self._pairs(joined, 2)]), True))
                    i += 2
                    continue
            units.append(_Unit(self._word_levels(word), self._required(terms, i)))
            i += 1
        if units and not any(unit.required for unit in units):
            units = [_Unit(unit.levels, True) for unit in units]
        return units

    @staticmethod
    def _required(terms: Sequence[str], i: int) -> bool:
        """Words must match; a bare number ("two coffees") only helps the ranking. A number
        next to a unit ("12 rolls", "pack of 24") is required."""
        if not terms[i][:1].isdigit():
            return True
        return any(0 <= j < len(terms) and is_count_word(terms[j]) for j in (i - 1, i + 1))

    # ---- search -------------------------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> SearchResult:
        query = parse_query(text)
        if not self._products:
            return SearchResult(query, (), 0, None)
        units = self._units(query.terms)
        if not units:
            return self._search_by_price(query, limit)
        required = sorted((u.levels for u in units if u.required), key=_total)
        matched = required[0]
        for levels in required[1:]:
            if not matched:
                break
            matched = _add(matched, levels)
        for levels in (u.levels for u in units if not u.required):
            if matched:
                matched = _add_optional(matched, levels)
        found = self._in_price_range(matched, query)
        total = _total(found)
        if total == 0:
            return SearchResult(query, (), 0, self._suggest(query, units, matched))
        top = self._top(found, limit)
        return SearchResult(query, tuple(self._products[pid] for pid in top), total, None)

    def _top(self, levels: Sequence[tuple[int, AbstractSet[int]]], limit: int) -> list[int]:
        """The best `limit` ids: levels best first, lower id first within a level."""
        out: list[int] = []
        everyone = len(self._products)
        for _, ids in levels:
            need = limit - len(out)
            if need <= 0:
                break
            if len(ids) <= need:
                out.extend(sorted(ids))
            elif 2 * len(ids) * len(ids) >= need * everyone:
                # A big level: walking ids upward (in C) reaches the `need` lowest after about
                # need * everyone / len(ids) steps, fewer than a heap's len(ids) in Python.
                out.extend(islice(filter(ids.__contains__, range(everyone)), need))
            elif len(ids) > 16 * need:
                out.extend(nsmallest(need, ids))  # a few of thousands: no full sort
            else:
                out.extend(sorted(ids)[:need])
        return out

    def _price_span(self, query: ParsedQuery) -> tuple[int, int]:
        """The slice of `_by_price` within the query's price range."""
        lo = 0 if query.min_price is None else bisect_left(self._sorted_prices, query.min_price)
        hi = (
            len(self._by_price)
            if query.max_price is None
            else bisect_right(self._sorted_prices, query.max_price)
        )
        return lo, max(lo, hi)

    def _span_ids(self, lo: int, hi: int, build: bool = True) -> frozenset[int] | None:
        """The ids priced within ranks lo..hi: remembered once built (bounded like the levels
        cache). Built when `build` or when the span comes back; else None."""
        key = (lo, hi)
        span = self._spans.get(key)
        if span is not None:
            return span
        if not build and key not in self._spans_seen:
            if len(self._spans_seen) >= _EXPANSION_CACHE_SIZE:
                self._spans_seen.clear()
            self._spans_seen.add(key)
            return None
        span = frozenset(self._by_price[lo:hi])
        if hi - lo <= _SPAN_CACHE_IDS:
            if self._spans_ids + hi - lo > _SPAN_CACHE_IDS:
                self._spans.clear()
                self._spans_ids = 0
            self._spans[key] = span
            self._spans_ids += hi - lo
        return span

    def _in_price_range(self, levels: Levels, query: ParsedQuery) -> Levels:
        if query.min_price is None and query.max_price is None:
            return levels
        lo, hi = self._price_span(query)
        # Few matches in a wide span met for the first time: test each match rather than
        # build the span's set. Many matches, or a span seen before: its set.
        allowed = self._span_ids(lo, hi, build=_total(levels) * 4 >= hi - lo)
        if allowed is None:
            rank = self._price_rank
            kept = [(score, {p for p in ids if lo <= rank[p] < hi}) for score, ids in levels]
        else:
            kept = [(score, ids & allowed) for score, ids in levels]
        return [(score, ids) for score, ids in kept if ids]

    def _search_by_price(self, query: ParsedQuery, limit: int) -> SearchResult:
        """No content words: "something under ten dollars" lists everything in range."""
        if query.min_price is None and query.max_price is None:
            # Nothing to look for ("please"): say so, offering the best-rated product.
            suggestion = self._products[0] if query.text.strip() else None
            return SearchResult(query, (), 0, suggestion)
        lo, hi = self._price_span(query)
        if hi > lo:
            in_range = self._span_ids(lo, hi)
            assert in_range is not None  # built: every id in it is a result
            top = self._top([(0, in_range)], limit)
            return SearchResult(query, tuple(self._products[p] for p in top), hi - lo, None)
        # Nothing in range: the cheapest product above it or the dearest below, the nearer.
        near = [self._by_price[i] for i in (hi, lo - 1) if 0 <= i < len(self._by_price)]
        best = min(
            (self._best_at_price(pid, None) for pid in near),
            key=lambda pid: (self._price_distance(query, pid), pid),
        )
        return SearchResult(query, (), 0, self._products[best])

    # ---- did you mean -------------------------------------------------------------------

    def _suggest(self, query: ParsedQuery, units: list[_Unit], matched: Levels) -> Product:
        """The closest product when nothing matched: never None for a non-empty catalog."""
        if matched:
            # Every word matched but the price did not: the nearest price.
            return self._products[
                self._nearest_price(query, set().union(*(ids for _, ids in matched)))
            ]
        term_levels = [u.levels for u in units if u.levels]
        # When every term matched something, all of them together is known to match nothing.
        largest = len(term_levels) - 1 if len(term_levels) == len(units) else len(term_levels)
        partial = self._best_partial(query, term_levels, largest)
        if partial is not None:
            return self._products[partial]
        # No word matched anything: the best product for the vocabulary word most like one.
        guesses = [g for g in (self._closest_key(fold(t)) for t in query.terms) if g]
        if guesses:
            key = max(guesses, key=lambda g: g[1])[0]
            return self._products[next(ids[0] for ids in self._postings[key] if ids)]
        return self._products[0]

    def _nearest_price(self, query: ParsedQuery, ids: set[int]) -> int:
        """Of `ids` (none in the price range), the one whose price is nearest the range."""
        if len(ids) <= _SCAN_PRICES_FROM:
            return min(ids, key=lambda pid: (self._price_distance(query, pid), pid))
        lo, hi = self._price_span(query)
        by_price = self._by_price
        # Many ids: walk outward from the range in price order (in C) to the cheapest above it
        # and the dearest below it.
        above = next(filter(ids.__contains__, islice(by_price, hi, None)), None)
        below = next(filter(ids.__contains__, reversed(by_price[:lo])), None)
        candidates = [self._best_at_price(pid, ids) for pid in (above, below) if pid is not None]
        return min(candidates, key=lambda pid: (self._price_distance(query, pid), pid))

    def _best_at_price(self, pid: int, ids: set[int] | None) -> int:
        """The best-ranked of `ids` (None: of all products) with the same price as `pid`."""
        price = self._prices[pid]
        lo = bisect_left(self._sorted_prices, price)
        hi = bisect_right(self._sorted_prices, price)
        return min(p for p in self._by_price[lo:hi] if ids is None or p in ids)

    def _price_distance(self, query: ParsedQuery, pid: int) -> Decimal:
        price = self._prices[pid]
        if query.max_price is not None and price > query.max_price:
            return price - query.max_price
        if query.min_price is not None and price < query.min_price:
            return query.min_price - price
        return Decimal(0)

    def _best_partial(
        self, query: ParsedQuery, term_levels: list[Levels], largest: int
    ) -> int | None:
        """The best product matching as many of the terms as any product does (`largest` at
        most), preferring one in the price range: "organic coffee" -> the best coffee."""
        for size in range(largest, 0, -1):
            best: tuple[bool, int, int] | None = None  # (in range, score, -id)
            for subset in islice(combinations(term_levels, size), _MAX_SUBSETS):
                levels = subset[0]
                for more in subset[1:]:
                    levels = _add(levels, more) if levels else levels
                if not levels:
                    continue
                in_range = self._in_price_range(levels, query)
                score, ids = (in_range or levels)[0]
                candidate = (bool(in_range), score, -min(ids))
                if best is None or candidate > best:
                    best = candidate
            if best is not None:
                return -best[2]
        return None
