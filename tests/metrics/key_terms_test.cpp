#include "metrics/key_terms.h"

#include <gtest/gtest.h>

#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "metrics/key_term_patterns.h"
#include "metrics/text_normalize.h"
#include "metrics/word_alignment.h"

namespace pb {
namespace {

using Words = std::vector<std::string>;

}  // namespace

// Readable failure messages.
void PrintTo(const TermSpan& s, std::ostream* os) {
  *os << s.type << "[" << s.begin << "," << s.end << ") core [" << s.core_begin << "," << s.core_end << ")";
}
void PrintTo(const KeyTermCounts& c, std::ostream* os) {
  *os << "{ref " << c.ref_terms << ", hits " << c.hits << ", hyp " << c.hyp_terms << ", correct " << c.hyp_correct
      << ", hallucinated " << c.hallucinated << "}";
}

namespace {

// One side as the harness builds it: raw segments, and the words of the segments joined by spaces.
struct Side {
  Words segments;
  Words words;
};

Side side(Words segments, NormalizerKind kind = NormalizerKind::basic) {
  std::string joined;
  for (const auto& s : segments) joined += (joined.empty() ? "" : " ") + s;
  Side out{std::move(segments), {}};
  out.words = normalize_to_words(joined, kind);
  return out;
}

KeyTermReport score(const Side& ref, const Side& hyp, const std::vector<KeyTermFact>& facts = {},
                    const KeyTermOptions& options = {}) {
  return score_key_terms({ref.words, ref.segments}, {hyp.words, hyp.segments}, facts, options);
}

KeyTermCounts counts(int ref_terms, int hits, int hyp_terms, int hyp_correct, int hallucinated) {
  return KeyTermCounts{ref_terms, hits, hyp_terms, hyp_correct, hallucinated};
}

KeyTermCounts type_counts(const KeyTermReport& r, const std::string& type) {
  const auto it = r.by_type.find(type);
  return it == r.by_type.end() ? KeyTermCounts{} : it->second;
}

std::vector<TermSpan> terms_of(std::string_view text, const PatternLexicon& lexicon = {},
                               NormalizerKind kind = NormalizerKind::basic) {
  const Words w = normalize_to_words(text, kind);
  return find_pattern_terms(w, lexicon);
}

TermSpan span(const char* type, int b, int e) { return TermSpan{type, b, e, b, e}; }
TermSpan span(const char* type, int b, int e, int cb, int ce) { return TermSpan{type, b, e, cb, ce}; }

// ---- number words ----------------------------------------------------------------------------------------

TEST(DanishNumberWords, Cardinals) {
  EXPECT_EQ(danish_cardinal_value("to"), 2);
  EXPECT_EQ(danish_cardinal_value("et"), 1);
  EXPECT_EQ(danish_cardinal_value("nitten"), 19);
  EXPECT_EQ(danish_cardinal_value("syvogtredive"), 37);
  EXPECT_EQ(danish_cardinal_value("enogtyve"), 21);
  EXPECT_EQ(danish_cardinal_value("halvtreds"), 50);
  EXPECT_EQ(danish_cardinal_value("niogfirs"), 89);
  EXPECT_EQ(danish_cardinal_value("tusind"), 1000);
  EXPECT_EQ(danish_cardinal_value("etogtyve"), std::nullopt);  // "en" in compounds, never "et"
  EXPECT_EQ(danish_cardinal_value("tiogtyve"), std::nullopt);  // unit must be 1–9
  EXPECT_EQ(danish_cardinal_value("og"), std::nullopt);
  EXPECT_EQ(danish_cardinal_value("samtale"), std::nullopt);
  EXPECT_EQ(danish_cardinal_value("14"), std::nullopt);
  EXPECT_EQ(danish_cardinal_value(""), std::nullopt);
}

TEST(DanishNumberWords, Ordinals) {
  EXPECT_EQ(danish_ordinal_value("første"), 1);
  EXPECT_EQ(danish_ordinal_value("fjortende"), 14);
  EXPECT_EQ(danish_ordinal_value("enogtyvende"), 21);
  EXPECT_EQ(danish_ordinal_value("niogtyvende"), 29);
  EXPECT_EQ(danish_ordinal_value("tredivte"), 30);
  EXPECT_EQ(danish_ordinal_value("enogtredivte"), 31);
  EXPECT_EQ(danish_ordinal_value("fjorten"), std::nullopt);
  EXPECT_EQ(danish_ordinal_value("ogtyvende"), std::nullopt);
  EXPECT_EQ(danish_ordinal_value(""), std::nullopt);
}

// ---- patterns --------------------------------------------------------------------------------------------

TEST(KeyTermPatterns, DateTimeAmountInOneSentence) {
  // den(0) fjortende(1) marts(2) kl(3) 10.30(4) betaler(5) du(6) 4.500(7) kroner(8)
  EXPECT_EQ(terms_of("Den fjortende marts kl. 10.30 betaler du 4.500 kroner."),
            (std::vector<TermSpan>{span("date", 0, 3, 1, 3), span("time", 3, 5, 4, 5), span("amount", 7, 9, 7, 8)}));
}

TEST(KeyTermPatterns, DateForms) {
  EXPECT_EQ(terms_of("14. marts"), (std::vector<TermSpan>{span("date", 0, 2)}));
  EXPECT_EQ(terms_of("den 14. marts 2026"), (std::vector<TermSpan>{span("date", 0, 4, 1, 4)}));
  EXPECT_EQ(terms_of("den tyvende"), (std::vector<TermSpan>{span("date", 0, 2, 1, 2)}));
  EXPECT_EQ(terms_of("i marts"), (std::vector<TermSpan>{span("date", 1, 2)}));
  EXPECT_EQ(terms_of("tirsdag den 26. maj"), (std::vector<TermSpan>{span("date", 0, 1), span("date", 1, 4, 2, 4)}));
  EXPECT_EQ(terms_of("den første samtale"), std::vector<TermSpan>{});  // første/anden only count before a month
  EXPECT_EQ(terms_of("den anden november"), (std::vector<TermSpan>{span("date", 0, 3, 1, 3)}));
  EXPECT_EQ(terms_of("en anden gang"), std::vector<TermSpan>{});
  // Forms a digit-canonicalising normaliser produces.
  EXPECT_EQ(find_pattern_terms(Words{"14/3"}, {}), (std::vector<TermSpan>{span("date", 0, 1)}));
  EXPECT_EQ(find_pattern_terms(Words{"2026-03-14"}, {}), (std::vector<TermSpan>{span("date", 0, 1)}));
  EXPECT_EQ(find_pattern_terms(Words{"den", "14.", "marts"}, {}), (std::vector<TermSpan>{span("date", 0, 3, 1, 3)}));
}

TEST(KeyTermPatterns, ClockTimes) {
  EXPECT_EQ(terms_of("halv elleve"), (std::vector<TermSpan>{span("time", 0, 2)}));
  EXPECT_EQ(terms_of("kvart i ni"), (std::vector<TermSpan>{span("time", 0, 3)}));
  EXPECT_EQ(terms_of("klokken et"), (std::vector<TermSpan>{span("time", 0, 2, 1, 2)}));
  EXPECT_EQ(terms_of("klokken kvart i tolv"), (std::vector<TermSpan>{span("time", 0, 4, 1, 4)}));
  EXPECT_EQ(terms_of("kl. 10:30"), (std::vector<TermSpan>{span("time", 0, 3, 1, 3)}));  // basic: kl 10 30
  EXPECT_EQ(find_pattern_terms(Words{"kl", "10:30"}, {}), (std::vector<TermSpan>{span("time", 0, 2, 1, 2)}));
  EXPECT_EQ(find_pattern_terms(Words{"8:05"}, {}), (std::vector<TermSpan>{span("time", 0, 1)}));
  EXPECT_EQ(terms_of("en halv time"), (std::vector<TermSpan>{}));  // "halv time" is no clock time
  EXPECT_EQ(terms_of("kl er mange"), (std::vector<TermSpan>{}));
}

TEST(KeyTermPatterns, NumbersAmountsDurations) {
  EXPECT_EQ(terms_of("vi har en samtale"), std::vector<TermSpan>{});
  EXPECT_EQ(terms_of("et hundrede og fireogtredive tusind kroner"),
            (std::vector<TermSpan>{span("amount", 0, 6, 0, 5)}));
  EXPECT_EQ(terms_of("en time om ugen"), (std::vector<TermSpan>{span("duration", 0, 2)}));
  EXPECT_EQ(terms_of("tre år"), (std::vector<TermSpan>{span("duration", 0, 2)}));
  EXPECT_EQ(terms_of("fire job om ugen"), (std::vector<TermSpan>{span("number", 0, 1)}));
  EXPECT_EQ(terms_of("16.800 kr."), (std::vector<TermSpan>{span("amount", 0, 2, 0, 1)}));
  EXPECT_EQ(terms_of("2 millioner kroner"), (std::vector<TermSpan>{span("amount", 0, 3, 0, 2)}));
  EXPECT_EQ(terms_of("for tredje gang"), (std::vector<TermSpan>{span("number", 1, 2)}));
  EXPECT_EQ(terms_of("DU3 modul 5"), (std::vector<TermSpan>{span("number", 0, 1), span("number", 2, 3)}));
  // Two digit tokens are two terms; "og" joins only after hundrede/tusind.
  EXPECT_EQ(terms_of("10 12"), (std::vector<TermSpan>{span("number", 0, 1), span("number", 1, 2)}));
  EXPECT_EQ(terms_of("to og tre"), (std::vector<TermSpan>{span("number", 0, 1), span("number", 2, 3)}));
}

TEST(KeyTermPatterns, Cpr) {
  EXPECT_EQ(terms_of("det er 100685-6180"), (std::vector<TermSpan>{span("cpr", 2, 3)}));
  EXPECT_EQ(terms_of("100685 6180"), (std::vector<TermSpan>{span("cpr", 0, 2)}));
  EXPECT_EQ(terms_of("1006856180"), (std::vector<TermSpan>{span("cpr", 0, 1)}));
  // Month 34 is no date: just a number.
  EXPECT_EQ(terms_of("123456-7890"), (std::vector<TermSpan>{span("number", 0, 1)}));
}

TEST(KeyTermPatterns, NegationsAndLexicon) {
  EXPECT_EQ(terms_of("det tror jeg ikke, ikk'"), (std::vector<TermSpan>{span("negation", 3, 4), span("negation", 4, 5)}));
  EXPECT_EQ(terms_of("aldrig ingen intet"),
            (std::vector<TermSpan>{span("negation", 0, 1), span("negation", 1, 2), span("negation", 2, 3)}));
  EXPECT_EQ(terms_of("godt, ik'?"), std::vector<TermSpan>{});  // tag question
  EXPECT_EQ(terms_of("virksomhedspraktik mentoren løntilskudsjob IGU"),
            (std::vector<TermSpan>{span("intervention", 0, 1), span("intervention", 1, 2), span("intervention", 2, 3),
                                   span("intervention", 3, 4)}));
  EXPECT_EQ(terms_of("kantinemedarbejder lastbilchaufføren pædagoger"),
            (std::vector<TermSpan>{span("job_title", 0, 1), span("job_title", 1, 2), span("job_title", 2, 3)}));
  EXPECT_EQ(terms_of("medarbejder arbejder udarbejder hjælper"), std::vector<TermSpan>{});
  PatternLexicon lex;
  lex.places = {"haslev"};
  lex.names = {"søren", "hansen", "åse"};
  EXPECT_EQ(terms_of("i Haslev eller Vejle", lex), (std::vector<TermSpan>{span("place", 1, 2), span("place", 3, 4)}));
  EXPECT_EQ(terms_of("søren hansen og åse", lex), (std::vector<TermSpan>{span("name", 0, 2), span("name", 3, 4)}));
}

TEST(KeyTermPatterns, DaNormaliserOutput) {
  const auto kind = NormalizerKind::da;
  const Words w = normalize_to_words("Den fjortende marts klokken halv elleve betaler du 4.500 kroner", kind);
  const auto terms = find_pattern_terms(w, {});
  ASSERT_EQ(terms.size(), 3u) << ::testing::PrintToString(w);
  EXPECT_EQ(terms[0].type, "date");
  EXPECT_EQ(terms[1].type, "time");
  EXPECT_EQ(terms[2].type, "amount");
  EXPECT_EQ(find_pattern_terms(normalize_to_words("vi har en samtale", kind), {}), std::vector<TermSpan>{});
  const auto dur = find_pattern_terms(normalize_to_words("en time om ugen", kind), {});
  ASSERT_EQ(dur.size(), 1u);
  EXPECT_EQ(dur[0].type, "duration");
}

TEST(KeyTermPatterns, EmptyAndHugeInputs) {
  EXPECT_EQ(find_pattern_terms(Words{}, {}), std::vector<TermSpan>{});
  EXPECT_EQ(find_pattern_terms(Words{""}, {}), std::vector<TermSpan>{});
  Words huge;
  for (int i = 0; i < 20000; ++i) huge.push_back(i % 2 ? "tre" : "kroner");
  const auto terms = find_pattern_terms(huge, {});
  EXPECT_EQ(terms.size(), 10000u);
  EXPECT_EQ(terms.front(), span("amount", 1, 3, 1, 2));
  EXPECT_EQ(terms.back(), span("number", 19999, 20000));  // "tre" at the very end: no currency follows
}

TEST(CapitalisedNames, MidSentenceCapitalsOnly) {
  const Words segments = {"Hej Søren, du kender vel Åse.", "Det er fint, Søren.", "Vi ses på Jobnet. I kan komme.",
                          "Han har et CV og IGU.", "Ja … Det er det.", "Kommer Mette? Mette kommer."};
  EXPECT_EQ(capitalised_names(segments, {}), (std::set<std::string, std::less<>>{"mette", "søren", "åse"}));
  EXPECT_TRUE(capitalised_names(Words{}, {}).empty());
  // A word capitalised mid-sentence but also written in lower case is not a name.
  EXPECT_TRUE(capitalised_names(Words{"vi tager en Pause", "en pause er godt"}, {}).empty());
  // Invalid UTF-8 and punctuation-only tokens do not break it.
  EXPECT_EQ(capitalised_names(Words{"ja \xFF\xFE og \"Karen\" -- ."}, {}), (std::set<std::string, std::less<>>{"karen"}));
}

// ---- scoring: hand-checked cases -------------------------------------------------------------------------

TEST(KeyTermScore, WrongDateIsAMissAndAHallucinatedDate) {
  const auto r = score(side({"Vi ses den 14. marts."}), side({"Vi ses den 15. marts."}));
  EXPECT_EQ(type_counts(r, "date"), counts(1, 0, 1, 0, 1));
  EXPECT_EQ(r.overall, counts(1, 0, 1, 0, 1));
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(r.misses[0], (KeyTermMiss{"date", false, 2, 5, {"den", "14", "marts"}, {"den", "15", "marts"}}));
  ASSERT_EQ(r.hallucinations.size(), 1u);
  EXPECT_EQ(r.hallucinations[0], (KeyTermHallucination{"date", 2, 5, {"den", "15", "marts"}, {"den", "14", "marts"}}));
  EXPECT_DOUBLE_EQ(key_term_error_rate(r.overall), 1.0);
  EXPECT_DOUBLE_EQ(key_term_precision(r.overall), 0.0);
}

TEST(KeyTermScore, DeletedNegationIsANegationMiss) {
  const auto r = score(side({"Jeg kan ikke komme på mandag."}), side({"jeg kan komme på mandag"}));
  EXPECT_EQ(type_counts(r, "negation"), counts(1, 0, 0, 0, 0));
  EXPECT_EQ(type_counts(r, "date"), counts(1, 1, 1, 1, 0));
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(r.misses[0].reference, Words{"ikke"});
  EXPECT_TRUE(r.misses[0].hypothesis.empty());
  EXPECT_DOUBLE_EQ(key_term_error_rate(r.overall), 0.5);
  EXPECT_DOUBLE_EQ(weighted_key_term_error_rate(r.by_type), 0.5);  // both weight 5
  EXPECT_TRUE(r.hallucinations.empty());
}

TEST(KeyTermScore, CorrectAmountsEvenWithAnotherCurrencyWord) {
  const auto r = score(side({"Huslejen er 4.500 kroner."}), side({"huslejen er 4.500 kr."}),
                       {{"amount", "4.500 kroner"}});
  EXPECT_EQ(type_counts(r, "amount"), counts(1, 1, 1, 1, 0));
  EXPECT_EQ(r.facts, 1);
  EXPECT_EQ(r.facts_located, 1);
  EXPECT_EQ(r.facts_recognised, 1);
  EXPECT_TRUE(r.misses.empty());
  EXPECT_DOUBLE_EQ(key_term_error_rate(r.overall), 0.0);
}

TEST(KeyTermScore, WrongAmountDigit) {
  const auto r = score(side({"Huslejen er 4.500 kroner."}), side({"Huslejen er 4.600 kroner."}),
                       {{"amount", "4.500 kroner"}});
  EXPECT_EQ(type_counts(r, "amount"), counts(1, 0, 1, 0, 1));
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_TRUE(r.misses[0].from_fact);
  EXPECT_EQ(r.misses[0].hypothesis, (Words{"4.600", "kroner"}));
  EXPECT_EQ(r.facts_recognised, 0);
}

TEST(KeyTermScore, SubstitutedName) {
  const auto r = score(side({"Din kontakt er Søren Hansen."}), side({"Din kontakt er Søren Jensen."}));
  EXPECT_EQ(type_counts(r, "name"), counts(1, 0, 1, 0, 1));
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(r.misses[0].reference, (Words{"søren", "hansen"}));
  EXPECT_EQ(r.misses[0].hypothesis, (Words{"søren", "jensen"}));
}

TEST(KeyTermScore, NamesWithDanishLettersAndLowerCaseHypothesis) {
  // The hypothesis has no capitals; the reference's names still find its name terms.
  const auto ok = score(side({"Du skal ringe til Åse og Søren."}), side({"du skal ringe til åse og søren"}));
  EXPECT_EQ(type_counts(ok, "name"), counts(2, 2, 2, 2, 0));
  const auto deleted = score(side({"Du skal ringe til Åse og Søren."}), side({"du skal ringe til og søren"}));
  EXPECT_EQ(type_counts(deleted, "name"), counts(2, 1, 1, 1, 0));
  ASSERT_EQ(deleted.misses.size(), 1u);
  EXPECT_EQ(deleted.misses[0].reference, Words{"åse"});
}

TEST(KeyTermScore, InsertedNumberIsHallucinated) {
  const auto r = score(side({"Jeg har søgt stillinger."}), side({"Jeg har søgt tre stillinger."}));
  EXPECT_EQ(r.overall, counts(0, 0, 1, 0, 1));
  ASSERT_EQ(r.hallucinations.size(), 1u);
  EXPECT_EQ(r.hallucinations[0], (KeyTermHallucination{"number", 3, 4, {"tre"}, {}}));
  EXPECT_TRUE(std::isnan(key_term_error_rate(r.overall)));  // no reference terms
  EXPECT_DOUBLE_EQ(key_term_precision(r.overall), 0.0);
}

TEST(KeyTermScore, NumberSubstitutedForAPlainWordIsHallucinated) {
  const auto r = score(side({"Jeg har søgt nogle stillinger."}), side({"Jeg har søgt to stillinger."}));
  EXPECT_EQ(type_counts(r, "number"), counts(0, 0, 1, 0, 1));
  ASSERT_EQ(r.hallucinations.size(), 1u);
  EXPECT_EQ(r.hallucinations[0].reference, Words{"nogle"});
}

TEST(KeyTermScore, NonEntityErrorsAreNotHallucinations) {
  // An inserted negation is a precision error but not counted as a hallucinated entity by default...
  const Side ref = side({"Du skal komme."});
  const Side hyp = side({"Du skal ikke komme."});
  EXPECT_EQ(type_counts(score(ref, hyp), "negation"), counts(0, 0, 1, 0, 0));
  // ...unless the options say so.
  KeyTermOptions options;
  options.hallucination_types.insert("negation");
  EXPECT_EQ(type_counts(score(ref, hyp, {}, options), "negation"), counts(0, 0, 1, 0, 1));
}

TEST(KeyTermScore, MultiWordFactPartiallyWrongIsOneMiss) {
  const auto r = score(side({"Det er tolv timer om ugen."}), side({"det er tolv timer om dagen"}),
                       {{"number", "tolv timer om ugen"}});
  EXPECT_EQ(type_counts(r, "number").ref_terms, 1);
  EXPECT_EQ(type_counts(r, "number").hits, 0);
  EXPECT_EQ(r.facts_located, 1);
  EXPECT_EQ(r.facts_recognised, 0);
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(r.misses[0], (KeyTermMiss{"number", true, 2, 6, {"tolv", "timer", "om", "ugen"},
                                      {"tolv", "timer", "om", "dagen"}}));
  // The hypothesis' "tolv timer" is itself right.
  EXPECT_EQ(type_counts(r, "duration"), counts(0, 0, 1, 1, 0));
}

TEST(KeyTermScore, InsertionInsideATermIsAMiss) {
  const auto r = score(side({"den fjortende marts"}), side({"den fjortende i marts"}));
  EXPECT_EQ(type_counts(r, "date").ref_terms, 1);
  EXPECT_EQ(type_counts(r, "date").hits, 0);
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(r.misses[0].hypothesis, (Words{"den", "fjortende", "i", "marts"}));
}

TEST(KeyTermScore, FrameWordsDoNotDecide) {
  const auto r = score(side({"Næste møde er den 23. marts kl. 14."}), side({"næste møde er 23. marts klokken 14"}),
                       {{"next_meeting", "den 23. marts kl. 14"}});
  EXPECT_EQ(type_counts(r, "next_meeting"), counts(1, 1, 0, 0, 0));
  EXPECT_EQ(r.facts_recognised, 1);
  // The hypothesis side sees a date and a time, both correct.
  EXPECT_EQ(type_counts(r, "date"), counts(0, 0, 1, 1, 0));
  EXPECT_EQ(type_counts(r, "time"), counts(0, 0, 1, 1, 0));
}

TEST(KeyTermScore, EmptySides) {
  const auto both = score(side({}), side({}));
  EXPECT_EQ(both.overall, KeyTermCounts{});
  EXPECT_TRUE(both.by_type.empty());
  EXPECT_TRUE(std::isnan(key_term_error_rate(both.overall)));
  EXPECT_TRUE(std::isnan(key_term_precision(both.overall)));
  EXPECT_TRUE(std::isnan(weighted_key_term_error_rate(both.by_type)));

  const auto no_hyp = score(side({"Det koster tre kroner."}), side({}), {{"amount", "tre kroner"}});
  EXPECT_EQ(no_hyp.overall, counts(1, 0, 0, 0, 0));
  ASSERT_EQ(no_hyp.misses.size(), 1u);
  EXPECT_TRUE(no_hyp.misses[0].hypothesis.empty());

  const auto no_ref = score(side({}), side({"tre kroner"}), {{"amount", "tre kroner"}});
  EXPECT_EQ(no_ref.overall, counts(0, 0, 1, 0, 1));
  EXPECT_EQ(no_ref.facts_not_located, std::vector<std::size_t>{0});
  EXPECT_EQ(no_ref.facts_located, 0);
}

TEST(KeyTermScore, EnSamtaleIsNoNumber) {
  const auto r = score(side({"Vi har en samtale i dag."}), side({"vi har et samtale i dag"}));
  EXPECT_EQ(r.overall, KeyTermCounts{});
}

TEST(KeyTermScore, CprInHypothesisIsCountedNotMasked) {
  const auto wrong = score(side({"Mit CPR-nummer er 100685-6180."}), side({"mit cpr-nummer er 100685-6181"}),
                           {{"cpr", "100685-6180"}});
  EXPECT_EQ(type_counts(wrong, "cpr"), counts(1, 0, 1, 0, 1));
  ASSERT_EQ(wrong.hallucinations.size(), 1u);
  EXPECT_EQ(wrong.hallucinations[0].hypothesis, Words{"100685-6181"});  // masking is the report's job

  const auto inserted = score(side({"Mit nummer er hemmeligt."}), side({"Mit nummer er 100685-6180 hemmeligt."}));
  EXPECT_EQ(type_counts(inserted, "cpr"), counts(0, 0, 1, 0, 1));
}

TEST(KeyTermScore, EveryOccurrenceOfAFactIsATerm) {
  const auto r = score(side({"Du får en mentor, og din mentor ringer."}), side({"du får en mentor og din mentel ringer"}),
                       {{"intervention", "mentor"}, {"place", "Gudhjem"}});
  EXPECT_EQ(type_counts(r, "intervention"), counts(2, 1, 1, 1, 0));
  EXPECT_EQ(r.facts, 2);
  EXPECT_EQ(r.facts_located, 1);
  EXPECT_EQ(r.facts_recognised, 1);  // one occurrence survived
  EXPECT_EQ(r.facts_not_located, std::vector<std::size_t>{1});
}

TEST(KeyTermScore, FactsSharingWordsGiveOneTermTypedByTheHeavierFact) {
  const std::vector<KeyTermFact> facts = {{"obligation", "to stillinger om ugen"}, {"number", "to stillinger om ugen"}};
  KeyTermOptions options;
  options.weights["obligation"] = 4.0;
  const auto r = score(side({"Du søger to stillinger om ugen."}), side({"du søger to stillinger om ugen"}), facts, options);
  EXPECT_EQ(type_counts(r, "obligation"), counts(1, 1, 0, 0, 0));
  EXPECT_EQ(type_counts(r, "number").ref_terms, 0);
  EXPECT_EQ(type_counts(r, "number").hyp_terms, 1);  // the hypothesis' "to"
  EXPECT_EQ(r.facts_recognised, 2);
  // Equal weights: dataset order decides.
  options.weights["obligation"] = 3.0;
  const auto tie = score(side({"Du søger to stillinger om ugen."}), side({"du søger to stillinger om ugen"}), facts, options);
  EXPECT_EQ(type_counts(tie, "obligation").ref_terms, 1);
  EXPECT_EQ(type_counts(tie, "number").ref_terms, 0);
}

TEST(KeyTermScore, PatternTermsOverlappingAFactAreDropped) {
  // The fact claims "4.500"; the pattern amount "4.500 kroner" overlaps it and is dropped.
  const auto r = score(side({"Det er 4.500 kroner."}), side({"det er 4.500 kroner"}), {{"number", "4.500"}});
  EXPECT_EQ(type_counts(r, "number").ref_terms, 1);
  EXPECT_EQ(type_counts(r, "amount").ref_terms, 0);
}

TEST(KeyTermScore, PrecomputedAlignmentGivesTheSameReport) {
  const Side ref = side({"Den 14. marts kl. 10 kommer Søren ikke.", "Det koster 4.500 kroner."});
  const Side hyp = side({"den 15. marts kl. 10 kommer søren", "det koster 4.500 kroner"});
  const std::vector<KeyTermFact> facts = {{"date", "14. marts"}};
  const auto a = score(ref, hyp, facts);
  const auto b = score_key_terms({ref.words, ref.segments}, {hyp.words, hyp.segments}, align_tokens(ref.words, hyp.words),
                                 facts);
  EXPECT_EQ(a.by_type, b.by_type);
  EXPECT_EQ(a.misses, b.misses);
  EXPECT_EQ(a.hallucinations, b.hallucinations);
  EXPECT_EQ(type_counts(a, "date"), counts(1, 0, 1, 0, 1));
  EXPECT_EQ(type_counts(a, "time"), counts(1, 1, 1, 1, 0));
  EXPECT_EQ(type_counts(a, "name"), counts(1, 1, 1, 1, 0));
  EXPECT_EQ(type_counts(a, "negation"), counts(1, 0, 0, 0, 0));
  EXPECT_EQ(type_counts(a, "amount"), counts(1, 1, 1, 1, 0));
  EXPECT_EQ(a.overall, counts(5, 3, 4, 3, 1));
}

// ---- rates and aggregation -------------------------------------------------------------------------------

TEST(KeyTermRates, WeightedErrorRateUsesTheWeightTable) {
  std::map<std::string, KeyTermCounts> by_type;
  by_type["date"] = counts(2, 1, 0, 0, 0);       // weight 5
  by_type["job_title"] = counts(2, 0, 0, 0, 0);  // default weight 1
  EXPECT_DOUBLE_EQ(weighted_key_term_error_rate(by_type), (5.0 * 1 + 1.0 * 2) / (5.0 * 2 + 1.0 * 2));
  KeyTermOptions options;
  options.default_weight = 0.0;
  EXPECT_DOUBLE_EQ(weighted_key_term_error_rate(by_type, options), 0.5);
  options.weights.clear();
  EXPECT_TRUE(std::isnan(weighted_key_term_error_rate(by_type, options)));  // every weight 0
}

TEST(KeyTermRates, DefaultsAreDocumentedValues) {
  const auto w = default_key_term_weights();
  EXPECT_EQ(w.at("date"), 5.0);
  EXPECT_EQ(w.at("negation"), 5.0);
  EXPECT_EQ(w.at("cpr"), 5.0);
  EXPECT_EQ(w.at("name"), 3.0);
  EXPECT_EQ(w.count("intervention"), 0u);
  EXPECT_TRUE(default_hallucination_types().contains("cpr"));
  EXPECT_FALSE(default_hallucination_types().contains("negation"));
}

TEST(KeyTermRates, CorpusCountsAreSums) {
  KeyTermReport total;
  const auto a = score(side({"Vi ses den 14. marts."}), side({"Vi ses den 15. marts."}), {{"date", "den 14. marts"}});
  const auto b = score(side({"Det koster tre kroner."}), side({"det koster tre kroner"}));
  add_key_term_counts(total, a);
  add_key_term_counts(total, b);
  EXPECT_EQ(total.overall, counts(2, 1, 2, 1, 1));
  EXPECT_EQ(total.by_type.at("date"), counts(1, 0, 1, 0, 1));
  EXPECT_EQ(total.by_type.at("amount"), counts(1, 1, 1, 1, 0));
  EXPECT_EQ(total.facts, 1);
  EXPECT_TRUE(total.misses.empty());
  EXPECT_DOUBLE_EQ(key_term_recall(total.overall), 0.5);
}

TEST(KeyTermScore, LongTranscript) {
  std::string sentence = "Den 14. marts betaler du 4.500 kroner, ikke? ";
  std::vector<std::string> ref_segments(300, sentence);
  std::vector<std::string> hyp_segments = ref_segments;
  hyp_segments[150] = "Den 15. marts betaler du 4.500 kroner, ikke? ";
  const auto r = score(side(ref_segments), side(hyp_segments));
  EXPECT_EQ(type_counts(r, "date"), counts(300, 299, 300, 299, 1));
  EXPECT_EQ(type_counts(r, "amount"), counts(300, 300, 300, 300, 0));
  EXPECT_EQ(type_counts(r, "negation"), counts(300, 300, 300, 300, 0));
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(r.misses[0].ref_begin, 150 * 8);
}

}  // namespace
}  // namespace pb
