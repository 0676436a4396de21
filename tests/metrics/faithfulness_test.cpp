#include "metrics/faithfulness.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "formats/note_text.h"
#include "scenarios/synth_conversations.h"

namespace pb {
namespace {

const AtomCheck* find_atom(const FaithfulnessResult& r, std::string_view type) {
  for (const auto& a : r.atoms) {
    if (a.atom.type == type) return &a;
  }
  return nullptr;
}

bool has_digit_run(const std::string& s, std::size_t run) {
  std::size_t n = 0;
  for (const char c : s) {
    n = (c >= '0' && c <= '9') ? n + 1 : 0;
    if (n >= run) return true;
  }
  return false;
}

TEST(Faithfulness, IssueExampleWrongDateIsUnsupportedWithEvidence) {
  const auto r = check_faithfulness("Næste samtale 15. marts.", "Vores næste samtale bliver den fjortende marts.");
  ASSERT_EQ(r.atoms.size(), 1u);
  EXPECT_EQ(r.atoms[0].atom.type, "date");
  EXPECT_EQ(r.atoms[0].atom.canonical, "03-15");
  EXPECT_FALSE(r.atoms[0].supported);
  EXPECT_EQ(r.atoms[0].evidence, "03-14");
  EXPECT_EQ(r.atoms_checked, 1);
  EXPECT_EQ(r.atoms_unsupported, 1);
  EXPECT_EQ(r.critical_errors, 1);
  EXPECT_EQ(r.by_type.at("date").checked, 1);
  EXPECT_EQ(r.by_type.at("date").unsupported, 1);
  EXPECT_DOUBLE_EQ(r.unsupported_rate(), 1.0);
}

TEST(Faithfulness, IssueExampleNegationFlip) {
  const auto r = check_faithfulness("Du skal ikke søge.", "Du skal søge.");
  ASSERT_EQ(r.flips.size(), 1u);
  EXPECT_EQ(r.flips[0].draft_clause, "Du skal ikke søge");
  EXPECT_EQ(r.flips[0].source_sentence, "Du skal søge");
  EXPECT_TRUE(r.flips[0].draft_negated);
  EXPECT_DOUBLE_EQ(r.flips[0].overlap, 1.0);  // content words {søg} in both
  // The same clause is an obligation ("skal") whose polarity is flipped: a critical error.
  ASSERT_EQ(r.obligations.size(), 1u);
  EXPECT_FALSE(r.obligations[0].supported);
  EXPECT_EQ(r.obligations[0].reason, "negation flipped");
  EXPECT_EQ(r.critical_errors, 1);
  // The other direction is a flip too.
  const auto back = check_faithfulness("Du skal søge.", "Du skal ikke søge.");
  ASSERT_EQ(back.flips.size(), 1u);
  EXPECT_FALSE(back.flips[0].draft_negated);
}

TEST(Faithfulness, SamePolarityIsNoFlip) {
  const auto r = check_faithfulness("Du skal søge.", "Du skal søge.");
  EXPECT_TRUE(r.flips.empty());
  EXPECT_EQ(r.clauses_checked, 1);
  ASSERT_EQ(r.obligations.size(), 1u);
  EXPECT_TRUE(r.obligations[0].supported);
  EXPECT_EQ(r.critical_errors, 0);
  // Both negated: no flip either ("ingen" and "ikke" are both negators).
  EXPECT_TRUE(check_faithfulness("Oplyser ingen helbredsmæssige begrænsninger.",
                                 "Der er ikke helbredsmæssige begrænsninger, som du oplever dem.")
                  .flips.empty());
}

TEST(Faithfulness, NegatorInAnUnrelatedClauseIsOutsideTheWindow) {
  // "ikke" is 7 words before "søger", the nearest matched content word; the window is 3.
  const auto r = check_faithfulness("Borger søger job i Vejle.", "Jeg har ikke nogen bil lige nu men jeg søger job i Vejle.");
  EXPECT_TRUE(r.flips.empty());
  // A window of 8 reaches it and flags the flip: the test above depends on the window.
  FaithfulnessOptions wide;
  wide.negation_window = 8;
  EXPECT_EQ(check_faithfulness("Borger søger job i Vejle.", "Jeg har ikke nogen bil lige nu men jeg søger job i Vejle.", wide)
                .flips.size(),
            1u);
  // Clause by clause in the draft: "Har ikke bil" matches the negated sentence, the rest the positive one.
  EXPECT_TRUE(check_faithfulness("Har ikke bil, søger job i Vejle.", "Jeg har ikke bil. Jeg søger job i Vejle.").flips.empty());
}

TEST(Faithfulness, SpokenAndWrittenFormsSupportEachOther) {
  const std::string draft =
      "Næste samtale 14. januar kl. 10.00. Borger forventer 2.500 kr. om måneden. Kursus kl. 14.30 den 3/2.";
  const std::string source =
      "Vores næste samtale bliver den fjortende januar klokken ti. Jeg regner med to tusind fem hundrede kroner om "
      "måneden. Kurset starter halv tre den tredje februar.";
  const auto r = check_faithfulness(draft, source);
  ASSERT_EQ(r.atoms.size(), 5u);  // date, time, amount, time, date
  for (const auto& a : r.atoms) EXPECT_TRUE(a.supported) << a.atom.type << " " << a.atom.text;
  EXPECT_EQ(r.critical_errors, 0);
  EXPECT_EQ(r.by_type.at("time").checked, 2);
}

TEST(Faithfulness, WrongAmountAndTimeGiveClosestSourceValue) {
  const auto r = check_faithfulness("Husleje 4.800 kr. Møde kl. 11.00.", "Huslejen er fire tusind fem hundrede kroner. Vi ses klokken ti.");
  const AtomCheck* amount = find_atom(r, "amount");
  const AtomCheck* time = find_atom(r, "time");
  ASSERT_NE(amount, nullptr);
  ASSERT_NE(time, nullptr);
  EXPECT_FALSE(amount->supported);
  EXPECT_EQ(amount->evidence, "4500");
  EXPECT_FALSE(time->supported);
  EXPECT_EQ(time->evidence, "10:00");
  EXPECT_EQ(r.critical_errors, 2);
}

TEST(Faithfulness, NamesPlacesAndOrganisations) {
  const std::string source = "Jeg har søgt hos Bæk Logistik i Horsens, og min leder hedder Mete.";
  const auto r = check_faithfulness("Har søgt hos Bæk Logistik i Horsens. Leder er Mette. Bor i Vejle.", source);
  std::vector<std::string> got;
  for (const auto& a : r.atoms) got.push_back(a.atom.type + ":" + a.atom.canonical + ":" + (a.supported ? "ok" : "no") + ":" + a.evidence);
  EXPECT_EQ(got, (std::vector<std::string>{"organisation:bæk logistik:ok:", "place:horsens:ok:", "name:mette:no:mete",
                                           "place:vejle:no:"}));
  EXPECT_EQ(r.critical_errors, 0);  // names and places are not critical fields
  EXPECT_EQ(r.by_type.at("place").checked, 2);
  EXPECT_EQ(r.by_type.at("place").unsupported, 1);
}

TEST(Faithfulness, LowercaseTranscriptAndAaSpellingsStillSupportNames) {
  const auto r = check_faithfulness("Søren bor på Ærø og arbejder i Århus.", "søren bor på ærø og arbejder i aarhus");
  ASSERT_EQ(r.atoms.size(), 3u);
  for (const auto& a : r.atoms) EXPECT_TRUE(a.supported) << a.atom.text;
}

TEST(Faithfulness, InterventionsMatchTheirVariants) {
  const std::string source = "Vi kan lave en praktik hos en virksomhed, og du får et kursus i CV.";
  const auto r = check_faithfulness("Borger tilbydes virksomhedspraktik og CV-kursus samt løntilskud.", source);
  ASSERT_EQ(r.atoms.size(), 3u);
  EXPECT_TRUE(r.atoms[0].supported);   // virksomhedspraktik ← "praktik"
  EXPECT_TRUE(r.atoms[1].supported);   // CV-kursus ← "kursus i CV"
  EXPECT_FALSE(r.atoms[2].supported);  // løntilskud: not said
  EXPECT_EQ(r.by_type.at("intervention").unsupported, 1);
}

TEST(Faithfulness, CprDigitsNeverAppearInTheResult) {
  const std::string draft = "CPR 100685-6180. Borger skal sende 100685-6180 til jobcentret.";
  const auto same = check_faithfulness(draft, "Ja, det er 100685-6180. Du skal sende det til jobcentret.");
  ASSERT_NE(find_atom(same, "cpr"), nullptr);
  EXPECT_TRUE(find_atom(same, "cpr")->supported);
  const auto other = check_faithfulness(draft, "Ja, det er 100685-6181. Du skal ikke sende 100685-6181 til jobcentret.");
  const AtomCheck* cpr = find_atom(other, "cpr");
  ASSERT_NE(cpr, nullptr);
  EXPECT_FALSE(cpr->supported);
  EXPECT_EQ(cpr->evidence, "XXXXXX-XXXX");
  for (const auto* r : {&same, &other}) {
    for (const auto& a : r->atoms) {
      EXPECT_FALSE(has_digit_run(a.atom.text + a.atom.canonical + a.evidence, 6));
    }
    for (const auto& f : r->flips) EXPECT_FALSE(has_digit_run(f.draft_clause + f.source_sentence, 6));
    for (const auto& o : r->obligations) EXPECT_FALSE(has_digit_run(o.clause + o.best_source + o.reason, 6));
  }
  EXPECT_FALSE(other.flips.empty());  // "skal sende" vs "skal ikke sende"
}

TEST(Faithfulness, ObligationsNeedASupportingSentenceWithTheSameNumbers) {
  const std::string draft = "Borger er forpligtet til at søge 2 stillinger om ugen.";
  const auto ok = check_faithfulness(draft, "Du skal søge to stillinger om ugen.");
  ASSERT_EQ(ok.obligations.size(), 1u);
  EXPECT_EQ(ok.obligations[0].trigger, "er forpligtet til");
  EXPECT_TRUE(ok.obligations[0].supported);
  // Content words {søg, stilling, ug, 2}: all four in the source sentence.
  EXPECT_DOUBLE_EQ(ok.obligations[0].overlap, 1.0);

  const auto wrong_number = check_faithfulness(draft, "Du skal søge tre stillinger om ugen.");
  ASSERT_EQ(wrong_number.obligations.size(), 1u);
  EXPECT_FALSE(wrong_number.obligations[0].supported);
  EXPECT_EQ(wrong_number.obligations[0].reason, "unsupported number 2");
  // One unsupported obligation; the number itself is not a critical field.
  EXPECT_EQ(wrong_number.critical_errors, 1);

  const auto unrelated = check_faithfulness(draft, "Vi talte om din familie og dit helbred.");
  ASSERT_EQ(unrelated.obligations.size(), 1u);
  EXPECT_FALSE(unrelated.obligations[0].supported);
  EXPECT_EQ(unrelated.obligations[0].reason, "no source sentence");
  EXPECT_EQ(unrelated.by_type.at("obligation").unsupported, 1);
}

TEST(Faithfulness, ObligationAfterACommaTakesTheRestOfTheSentence) {
  const auto r = check_faithfulness("Det blev aftalt, at borger registrerer ansøgninger i joblog.",
                                    "Så aftaler vi, at du registrerer dine ansøgninger i din joblog.");
  ASSERT_EQ(r.obligations.size(), 1u);
  EXPECT_EQ(r.obligations[0].clause, "Det blev aftalt, at borger registrerer ansøgninger i joblog");
  EXPECT_TRUE(r.obligations[0].supported);
}

TEST(Faithfulness, NovelNgramsHandChecked) {
  // Draft words: kat hund fisk. Source: kat hund ko.
  // 1-grams: kat, hund in source; fisk not → 1/3. 2-grams: "kat hund" in, "hund fisk" not → 1/2.
  // 3-grams: "kat hund fisk" not → 1/1.
  const auto r = check_faithfulness("kat hund fisk", "kat hund ko");
  EXPECT_EQ(r.draft_ngrams[0], 3);
  EXPECT_EQ(r.novel_ngrams[0], 1);
  EXPECT_DOUBLE_EQ(r.novel_1, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.novel_2, 0.5);
  EXPECT_DOUBLE_EQ(r.novel_3, 1.0);
  // Fragments: "kat hund" (2), "fisk" none → coverage 2/3, density 2²/3.
  EXPECT_EQ(r.fragment_words, 2);
  EXPECT_DOUBLE_EQ(r.coverage, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.density, 4.0 / 3.0);
  // Spoken numbers are normalised before n-grams: "to" and "2" are the same word.
  EXPECT_DOUBLE_EQ(check_faithfulness("2 stillinger", "to stillinger").novel_1, 0.0);
}

TEST(ExtractiveFragments, GreedyLongestAsInGrusky2018) {
  const std::vector<std::string> article = {"a", "b", "c", "d", "e", "f"};
  // i=0: "a b" (x breaks it) → 2; "x" none; i=3: "d e f" → 3; i=6: "c" → 1.
  EXPECT_EQ(extractive_fragment_lengths(article, {"a", "b", "x", "d", "e", "f", "c"}), (std::vector<std::size_t>{2, 3, 1}));
  // The longest of several occurrences wins: "a b c" at 0 (3), "a b c d" at 3 (4).
  EXPECT_EQ(extractive_fragment_lengths({"a", "b", "c", "a", "b", "c", "d"}, {"a", "b", "c", "d"}),
            (std::vector<std::size_t>{4}));
  // The scan resumes after each run: "a" at 0 (1), then "a b" at 1 (2).
  EXPECT_EQ(extractive_fragment_lengths({"a", "a", "b"}, {"a", "b"}), (std::vector<std::size_t>{2}));
  EXPECT_TRUE(extractive_fragment_lengths({}, {"a"}).empty());
  EXPECT_TRUE(extractive_fragment_lengths({"a"}, {}).empty());
}

TEST(Faithfulness, EmptyDraftAndEmptySource) {
  const auto empty_draft = check_faithfulness("", "Du skal søge to stillinger.");
  EXPECT_EQ(empty_draft.atoms_checked, 0);
  EXPECT_EQ(empty_draft.critical_errors, 0);
  EXPECT_DOUBLE_EQ(empty_draft.unsupported_rate(), 0.0);
  EXPECT_DOUBLE_EQ(empty_draft.novel_1, 0.0);
  EXPECT_DOUBLE_EQ(empty_draft.coverage, 0.0);

  const auto empty_source = check_faithfulness("Næste samtale 14. januar kl. 10. Borger skal søge 2 stillinger.", "");
  EXPECT_EQ(empty_source.atoms_checked, 3);
  EXPECT_EQ(empty_source.atoms_unsupported, 3);
  for (const auto& a : empty_source.atoms) EXPECT_EQ(a.evidence, "");
  EXPECT_EQ(empty_source.critical_errors, 3);  // date, time, obligation (the number is not critical)
  EXPECT_DOUBLE_EQ(empty_source.novel_1, 1.0);
  EXPECT_DOUBLE_EQ(empty_source.coverage, 0.0);
  EXPECT_TRUE(empty_source.flips.empty());
}

TEST(Faithfulness, MalformedUtf8DoesNotCrash) {
  const std::string draft = std::string("N\xe6ste samtale \xff 15. marts kl\xc3. 10") + "\xe2\x82";
  const std::string source = std::string("\xc3\x28 den femtende marts \xf0\x9f klokken ti \xff");
  const auto r = check_faithfulness(draft, source);
  const AtomCheck* date = find_atom(r, "date");
  ASSERT_NE(date, nullptr);
  EXPECT_TRUE(date->supported);
}

TEST(Faithfulness, HugeDraftCountsScaleWithCopies) {
  const std::string sentence = "Borger skal søge 2 stillinger om ugen og næste samtale er 14. marts kl. 10. ";
  std::string draft;
  constexpr int kCopies = 1000;  // 16,000 words
  for (int k = 0; k < kCopies; ++k) draft += sentence;
  const std::string source = "Du skal søge to stillinger om ugen. Vi ses den fjortende marts klokken ti.";
  const auto r = check_faithfulness(draft, source);
  EXPECT_EQ(r.atoms_checked, 3 * kCopies);  // number, date, time per copy
  EXPECT_EQ(r.atoms_unsupported, 0);
  EXPECT_EQ(static_cast<int>(r.obligations.size()), kCopies);
  EXPECT_EQ(r.critical_errors, 0);
}

TEST(Faithfulness, OptionsChangeTheOverlapThreshold) {
  // Content words of the draft clause: {søg, stilling, vejl}; the source shares {søg, stilling}: 2/3.
  const std::string draft = "Du skal søge stillinger i Vejle.";
  const std::string source = "Du skal søge stillinger.";
  EXPECT_TRUE(check_faithfulness(draft, source).obligations.at(0).supported);
  FaithfulnessOptions strict;
  strict.content_overlap_threshold = 0.75;
  EXPECT_FALSE(check_faithfulness(draft, source, strict).obligations.at(0).supported);
}

// ---- rules that keep faithful notes from being flagged ----------------------------------------------------

TEST(Faithfulness, TagQuestionIsNotANegation) {
  // "…, ikke?" asks for agreement. Draft content {modultest, 10-20}; the source has both: no flip.
  for (const char* tag : {", ikke?", ", ikke også?", ", ikke sandt?", ", ik?"}) {
    const auto r = check_faithfulness("Skal til modultest 20. oktober.", std::string("Jeg skal til modultest den tyvende oktober") + tag);
    EXPECT_TRUE(r.flips.empty()) << tag;
    ASSERT_EQ(r.obligations.size(), 1u) << tag;
    EXPECT_TRUE(r.obligations[0].supported) << tag << " " << r.obligations[0].reason;
    EXPECT_EQ(r.critical_errors, 0) << tag;
  }
  // Without the comma the "ikke" belongs to the clause and negates it: still a flip.
  EXPECT_EQ(check_faithfulness("Borger kommer til modultest.", "Jeg kommer ikke til modultest?").flips.size(), 1u);
  // A clause "ikke" on its own at the start of a sentence is an answer, not a tag; with a content word in its
  // clause it negates: "Ikke, hvis jeg skal søge" — here the tag rule must not fire.
  EXPECT_EQ(check_faithfulness("Du skal søge.", "Nej, ikke søge.").flips.size(), 1u);
}

TEST(Faithfulness, NegatorNegatesOnlyItsOwnClause) {
  // "aldrig" is 3 words from "ansøgninger" (inside the old window) but in the next clause.
  const std::string draft = "Oplever udfordringer med at skrive ansøgninger.";
  EXPECT_TRUE(check_faithfulness(draft, "Jeg hader at skrive ansøgninger, jeg ved aldrig, hvordan jeg skal starte.").flips.empty());
  // "Bor i Lyngby" vs "…i Lyngby, ingen børn": "ingen" negates the children, not where the citizen lives.
  EXPECT_TRUE(check_faithfulness("Bor i Lyngby.", "Jeg bor sammen med min kæreste i Lyngby, ingen børn.").flips.empty());
  // In the same clause it still counts.
  EXPECT_EQ(check_faithfulness("Skriver ansøgninger.", "Jeg skriver aldrig ansøgninger.").flips.size(), 1u);
}

TEST(Faithfulness, NegatorAfterMenNegatesWhatFollows) {
  // "… men ikke fuld tid": "ikke" negates "fuld tid", not "medarbejder" two words before it.
  EXPECT_TRUE(check_faithfulness("Ønsker arbejde som administrativ medarbejder.",
                                 "Jeg vil gerne arbejde som administrativ medarbejder men ikke fuld tid.")
                  .flips.empty());
  // What follows is negated: the draft says full time, the source says not full time.
  EXPECT_EQ(check_faithfulness("Ønsker fuld tid.", "Jeg vil gerne arbejde men ikke fuld tid.").flips.size(), 1u);
}

TEST(Faithfulness, TidligereIsNotTid) {
  // Snowball stems "tidligere" to "tid"; as an adverb it is a stopword, so "ikke fuld tid" does not flip it.
  // Draft content {haft, beskæftig, lager}: all in the source, none near "ikke".
  const auto r = check_faithfulness("Har tidligere haft beskæftigelse på lager.",
                                    "Jeg har haft beskæftigelse på lager, men ikke fuld tid.");
  EXPECT_TRUE(r.flips.empty());
  EXPECT_EQ(r.clauses_checked, 1);
}

TEST(Faithfulness, OneSharedWordOfALongerClauseIsNoMatch) {
  // Draft content {positiv, svar}; the source question shares only "svar": overlap 1/2 = 0.5 reaches the
  // threshold, but one shared stem of two is too little to call it the same statement.
  const std::string draft = "Har endnu ikke fået positive svar.";
  const std::string source = "Har du fået svar på det, du gerne ville?";
  const auto r = check_faithfulness(draft, source);
  EXPECT_TRUE(r.flips.empty());
  EXPECT_EQ(r.clauses_checked, 0);
  FaithfulnessOptions one;
  one.min_shared_content_words = 1;
  EXPECT_EQ(check_faithfulness(draft, source, one).flips.size(), 1u);
}

TEST(Faithfulness, GuidanceIsCheckedButIsNotAnObligation) {
  const std::string draft = "Borger er vejledt om pligt til at medvirke i opfølgningen og give besked ved ændringer.";
  const std::string source = "Det formelle er, at du skal deltage i samtalerne og give besked, hvis noget ændrer sig.";
  const auto r = check_faithfulness(draft, source);
  EXPECT_TRUE(r.obligations.empty());
  EXPECT_FALSE(r.by_type.contains("obligation"));
  ASSERT_EQ(r.guidance.size(), 1u);
  EXPECT_EQ(r.guidance[0].trigger, "vejledt om");
  EXPECT_EQ(r.guidance[0].clause, "Borger er vejledt om pligt til at medvirke i opfølgningen og give besked ved ændringer");
  // Content {medvirk, opfølg, giv, besked, ændr} (ændringer → ændring → root ændr); the source has giv, besked,
  // ændr (ændrer): 3/5.
  EXPECT_DOUBLE_EQ(r.guidance[0].overlap, 0.6);
  EXPECT_TRUE(r.guidance[0].supported);
  EXPECT_EQ(r.critical_errors, 0);

  // Guidance that was never given is reported, but is not a critical error.
  const auto unsaid = check_faithfulness("Orienteret om konsekvenser ved manglende rådighed.", "Vi talte om din familie.");
  ASSERT_EQ(unsaid.guidance.size(), 1u);
  EXPECT_FALSE(unsaid.guidance[0].supported);
  EXPECT_EQ(unsaid.guidance[0].reason, "no source sentence");
  EXPECT_EQ(unsaid.critical_errors, 0);

  // A date inside guidance is still a checked, critical atom.
  const auto date = check_faithfulness("Borger er informeret om, at kurset starter 3. maj.",
                                       "Kurset starter den anden maj.");
  ASSERT_EQ(date.guidance.size(), 1u);
  EXPECT_FALSE(date.guidance[0].supported);
  EXPECT_EQ(date.guidance[0].reason, "unsupported date 3. maj");
  EXPECT_EQ(date.critical_errors, 1);  // the date atom
}

TEST(Faithfulness, AgreementAfterGuidanceIsStillAnObligation) {
  // The duty word "skal" after the guidance phrase belongs to the guidance; "aftalt" starts an obligation.
  const auto r = check_faithfulness("Borger er vejledt om, at man skal melde ferie, og det er aftalt, at borger søger 3 stillinger.",
                                    "Du skal melde ferie. Vi aftaler, at du søger to stillinger om ugen.");
  ASSERT_EQ(r.guidance.size(), 1u);
  EXPECT_EQ(r.guidance[0].clause, "Borger er vejledt om, at man skal melde ferie");
  ASSERT_EQ(r.obligations.size(), 1u);
  EXPECT_EQ(r.obligations[0].clause, "og det er aftalt, at borger søger 3 stillinger");
  EXPECT_FALSE(r.obligations[0].supported);
  EXPECT_EQ(r.obligations[0].reason, "unsupported number 3");
  EXPECT_EQ(r.critical_errors, 1);
  // A trigger before the guidance phrase keeps the clause an obligation.
  const auto first = check_faithfulness("Borger skal søge job og er vejledt om joblog.", "Vi talte om din familie.");
  EXPECT_EQ(first.obligations.size(), 1u);
  EXPECT_TRUE(first.guidance.empty());
}

TEST(Faithfulness, JobCentreChannelsAreNotCheckedAsFacts) {
  // jobcentret, e-Boks, Min Plan and Jobnet are routine context; Vejle (a place) is still checked.
  const auto r = check_faithfulness("Næste samtale i Jobcenter Vejle. Indkaldelse sendes til e-Boks. Aftalen fremgår af Min Plan på Jobnet.",
                                    "Vi ses igen næste måned.");
  std::vector<std::string> got;
  for (const auto& a : r.atoms) got.push_back(a.atom.type + ":" + a.atom.canonical);
  EXPECT_EQ(got, (std::vector<std::string>{"place:vejle"}));
  EXPECT_EQ(r.atoms_unsupported, 1);
  // Other organisations are still checked.
  EXPECT_EQ(check_faithfulness("Medlem af Krifa.", "Jeg er medlem af 3F.").atoms_unsupported, 1);
}

TEST(Faithfulness, DerivedNounMatchesItsVerb) {
  // Draft content {send, ansøg (ansøgning), still (stilling), lager}; the source has ansøg (ansøge), still,
  // lager (lageret): 3/4. Without the -ning/-ing root "ansøgning" would not match "ansøge": 2/4.
  const auto r = check_faithfulness("Borger skal sende ansøgning til stilling på lager.", "Du skal ansøge om den stilling på lageret.");
  ASSERT_EQ(r.obligations.size(), 1u);
  EXPECT_DOUBLE_EQ(r.obligations[0].overlap, 0.75);
  // Short words keep their ending: "ting" is not "t", so nothing in the source matches the clause.
  EXPECT_EQ(check_faithfulness("Mange ting.", "Mange t.").clauses_checked, 0);
  EXPECT_EQ(check_faithfulness("Mange ting.", "Mange ting.").clauses_checked, 1);
}

// ---- the synthetic corpus: reference notes are faithful by construction ---------------------------------------

std::string transcript_of(const Conversation& c) {
  std::string text;
  for (const auto& s : c.segments) {
    if (s.text.empty()) continue;
    if (!text.empty()) text += ' ';
    text += s.text;
  }
  return text;
}

// The note with its first written date ("14. marts") moved one day (back for days 28–31, so it stays valid).
std::optional<std::string> with_first_date_moved(const std::string& note) {
  for (const Atom& a : extract_atoms(note)) {
    if (a.type != kAtomDate) continue;
    std::size_t digits = 0;
    while (digits < a.text.size() && a.text[digits] >= '0' && a.text[digits] <= '9') ++digits;
    if (digits == 0 || digits > 2) continue;
    const int day = std::stoi(a.text.substr(0, digits));
    const int moved = day >= 28 ? day - 1 : day + 1;
    std::string out = note;
    out.replace(a.offset, digits, std::to_string(moved));
    return out;
  }
  return std::nullopt;
}

TEST(FaithfulnessCorpus, ReferenceNotesHaveFewFlipsAndCriticalErrorsButMovedDatesAreCaught) {
  constexpr int kNotes = 60;
  int flips = 0;
  int critical = 0;
  int moved_notes = 0;
  int moved_caught = 0;
  std::string found;  // what was flagged, shown when a limit is exceeded
  for (int i = 0; i < kNotes; ++i) {
    const Conversation c = synthesize_conversation(7, i);
    const std::string note = note_body(c.reference_note);
    const std::string source = transcript_of(c);
    const auto r = check_faithfulness(note, source);
    flips += static_cast<int>(r.flips.size());
    critical += r.critical_errors;
    for (const auto& f : r.flips) found += c.id + " flip: " + f.draft_clause + " | " + f.source_sentence + "\n";
    for (const auto& o : r.obligations) {
      if (!o.supported) found += c.id + " obligation: " + o.clause + " (" + o.reason + ")\n";
    }
    if (const auto moved = with_first_date_moved(note)) {
      ++moved_notes;
      if (check_faithfulness(*moved, source).critical_errors > 0) ++moved_caught;
    }
  }
  // Before the tag-question, clause-scope and guidance rules: 0.24 flips and 0.10 critical errors per note (120
  // notes). The one flip left in these 60 is a real contradiction in the generated pair: the note says "ingen
  // børn", the citizen says "Jeg har børnene om aftenen".
  EXPECT_LE(static_cast<double>(flips) / kNotes, 0.02) << flips << " flips\n" << found;
  EXPECT_LE(static_cast<double>(critical) / kNotes, 0.02) << critical << " critical errors\n" << found;
  ASSERT_GE(moved_notes, kNotes / 2);  // most notes state a date; the check below must have something to check
  EXPECT_GE(static_cast<double>(moved_caught) / moved_notes, 0.95) << moved_caught << " of " << moved_notes;
}

}  // namespace
}  // namespace pb
