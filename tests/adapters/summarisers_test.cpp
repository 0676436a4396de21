// The local summarisation adapters: lead, extractive (TextRank/LexRank), recorded and simulated.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "adapters/extractive_summariser.h"
#include "adapters/lead_summariser.h"
#include "adapters/recorded_summariser.h"
#include "adapters/simulated_summariser.h"
#include "adapters/summarisation_registry.h"
#include "core/utf8.h"
#include "formats/note_text.h"
#include "scenarios/synth_conversations.h"
#include "tests/adapters/adapter_test_util.h"

namespace pb {
namespace {

AdapterSpec summary_spec(std::string kind, nlohmann::json config, std::string base_dir = ".") {
  config["kind"] = kind;
  return AdapterSpec{std::move(kind), std::move(config), "solutions[0].summarisation", "scenario.json",
                     std::move(base_dir)};
}

Segment turn(std::string role, std::string text) {
  return Segment{role == kRoleCaseworker ? "SB" : "B", std::move(role), std::nullopt, std::nullopt, std::move(text)};
}

Transcript transcript_of(std::vector<Segment> segments) { return Transcript{std::move(segments)}; }

std::string body(const CaseNote& note) {
  std::string out;
  for (const NoteSection& section : note.sections) out += section.text + "\n";
  return out;
}

std::vector<std::string> fields_of(const ProblemList& problems) {
  std::vector<std::string> fields;
  for (const Problem& problem : problems.items()) fields.push_back(problem.field);
  return fields;
}

bool has_field(const ProblemList& problems, const std::string& field) {
  const auto fields = fields_of(problems);
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

// ---- lead ----------------------------------------------------------------------------------------------------

TEST(LeadSummariser, TakesTheFirstCaseworkerTurns) {
  const Transcript source = transcript_of({turn("caseworker", "Velkommen, Søren."), turn("citizen", "Tak."),
                                           turn("caseworker", "Du er ledig fra 1. oktober."),
                                           turn("citizen", "Ja, desværre."),
                                           turn("caseworker", "Næste møde er 14. januar.")});
  EXPECT_EQ(lead_summary(source, {2}).sections,
            (std::vector<NoteSection>{{"", "Velkommen, Søren.\nDu er ledig fra 1. oktober."}}));
  // More turns asked for than there are: every caseworker turn, none of the citizen's.
  EXPECT_EQ(lead_summary(source, {10}).sections[0].text,
            "Velkommen, Søren.\nDu er ledig fra 1. oktober.\nNæste møde er 14. januar.");
}

TEST(LeadSummariser, FallsBackToAnyTurnWithoutRoles) {
  Transcript source = transcript_of({turn("", "Hej."), turn("", "Goddag."), turn("", "Sæt dig.")});
  source.segments[0].speaker = "spk0";
  EXPECT_EQ(lead_summary(source, {2}).sections[0].text, "Hej.\nGoddag.");
}

TEST(LeadSummariser, EmptySourceGivesAnEmptyNote) {
  EXPECT_TRUE(lead_summary(Transcript{}, {}).sections.empty());
}

TEST(LeadSummariser, ConfigIsValidated) {
  ProblemList problems;
  EXPECT_NE(make_lead_summariser(summary_spec("lead", {{"turns", 3}}), problems), nullptr);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(make_lead_summariser(summary_spec("lead", {{"turns", 0}, {"tunrs", 2}}), problems), nullptr);
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.turns"));
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.tunrs"));
}

TEST(LeadSummariser, AdapterUsesTheSourceNotTheReference) {
  ProblemList problems;
  auto adapter = make_lead_summariser(summary_spec("lead", {{"turns", 1}}), problems);
  ASSERT_NE(adapter, nullptr);
  const Conversation conversation = test::make_conversation("c1");
  const Transcript source = transcript_of({turn("caseworker", "Kun dette.")});
  const auto outcome = adapter->summarise({conversation, source, kSummarySourceTranscription, ""});
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value().sections[0].text, "Kun dette.");
  EXPECT_EQ(adapter->id(), (ComponentId{"lead", "1"}));
}

// ---- extractive: building blocks -----------------------------------------------------------------------------

TEST(ExtractiveSummariser, SplitsSentencesButNotAbbreviationsNumbersOrDates) {
  EXPECT_EQ(split_sentences("Godt. Du søger to stillinger om ugen! Mødet er kl. 10.30 hos bl.a. Vejle Kommune. "
                            "Det er den 4. marts, ca. 5.200 kr. Ærligt talt? Ja"),
            (std::vector<std::string>{"Godt.", "Du søger to stillinger om ugen!",
                                      "Mødet er kl. 10.30 hos bl.a. Vejle Kommune.",
                                      "Det er den 4. marts, ca. 5.200 kr.", "Ærligt talt?", "Ja"}));
  EXPECT_EQ(split_sentences("Første linje\nanden linje"), (std::vector<std::string>{"Første linje", "anden linje"}));
  EXPECT_TRUE(split_sentences("  ").empty());
}

TEST(ExtractiveSummariser, TermsAreDanishStemsWithoutStopWords) {
  // "i" is a stop word; Snowball Danish: praktikken → praktik, starter → start.
  EXPECT_EQ(sentence_terms("Praktikken starter i april."), (std::vector<std::string>{"praktik", "start", "april"}));
  // "hver" is a stop word; opdateres → opdat. Case folding first: JOBLOGGEN → joblog.
  EXPECT_EQ(sentence_terms("JOBLOGGEN opdateres hver uge."), (std::vector<std::string>{"joblog", "opdat", "uge"}));
  // æ, ø, å survive folding and stemming.
  EXPECT_EQ(sentence_terms("Søren får økonomisk støtte"), (std::vector<std::string>{"sør", "økonomisk", "støt"}));
}

// A star: sentence 1 shares one term with each of the others, which share nothing among themselves.
const std::vector<std::string> kStar = {"Praktikken starter i april.", "Praktikken, kurset og jobloggen blev aftalt.",
                                        "Kurset varer tre dage.", "Jobloggen opdateres hver uge."};

TEST(ExtractiveSummariser, TfIdfCosineOnTheStarByHand) {
  std::vector<std::vector<std::string>> terms;
  for (const auto& s : kStar) terms.push_back(sentence_terms(s));
  // Terms: {praktik start april} {praktik kurs joblog aftalt} {kurs var tre dag} {joblog opdat uge}.
  // N = 4; idf = ln((1+N)/(1+df)) + 1: df 2 → a = ln(5/3)+1 ≈ 1.5108, df 1 → b = ln(5/2)+1 ≈ 1.9163.
  const double a = std::log(5.0 / 3.0) + 1.0, b = std::log(5.0 / 2.0) + 1.0;
  const double n0 = std::sqrt(a * a + 2 * b * b), n1 = std::sqrt(3 * a * a + b * b), n2 = std::sqrt(a * a + 3 * b * b);
  const double c01 = a * a / (n0 * n1);  // ≈ 0.2268
  const double c12 = a * a / (n1 * n2);  // ≈ 0.1930
  const std::vector<double> cos = tfidf_cosine_similarity(terms);
  ASSERT_EQ(cos.size(), 16u);
  EXPECT_NEAR(cos[0 * 4 + 1], c01, 1e-12);
  EXPECT_NEAR(cos[1 * 4 + 0], c01, 1e-12);
  EXPECT_NEAR(cos[1 * 4 + 2], c12, 1e-12);
  EXPECT_NEAR(cos[1 * 4 + 3], c01, 1e-12);  // sentence 3 has the same weights as sentence 0
  EXPECT_NEAR(cos[0 * 4 + 2], 0.0, 1e-15);
  EXPECT_NEAR(cos[2 * 4 + 3], 0.0, 1e-15);
  EXPECT_NEAR(cos[2 * 4 + 2], 1.0, 1e-12);
  EXPECT_NEAR(c01, 0.2268, 1e-4);
  EXPECT_NEAR(c12, 0.1930, 1e-4);
}

TEST(ExtractiveSummariser, PageRankOnTheStarByHand) {
  std::vector<std::vector<std::string>> terms;
  for (const auto& s : kStar) terms.push_back(sentence_terms(s));
  const auto cos = tfidf_cosine_similarity(terms);
  const TextRankResult result = textrank(cos, 4, 0.1, 0.85, 1000, 1e-8);
  ASSERT_TRUE(result.converged);
  ASSERT_EQ(result.scores.size(), 4u);
  // Every leaf sends all its rank to the hub, so hub h = (1-d)/N + d(1-h) → h = ((1-d)/N + d)/(1+d)
  // = (0.0375 + 0.85)/1.85 = 0.479730 whatever the edge weights.
  EXPECT_NEAR(result.scores[1], 0.8875 / 1.85, 1e-7);
  // A leaf gets (1-d)/N plus its weight's share of the hub's rank: l_i = 0.0375 + 0.85 h w_i / Σw.
  const double sum_w = cos[1] + cos[6] + cos[7];
  for (int leaf : {0, 2, 3})
    EXPECT_NEAR(result.scores[static_cast<std::size_t>(leaf)],
                0.0375 + 0.85 * result.scores[1] * cos[static_cast<std::size_t>(4 + leaf)] / sum_w, 1e-7);
  // a = 1.510826, b = 1.916291 → c01 = 0.226818, c12 = 0.192978, Σw = 2·c01 + c12 = 0.646614.
  EXPECT_NEAR(result.scores[0], 0.180537, 2e-6);  // 0.0375 + 0.85·0.479730·0.226818/0.646614
  EXPECT_NEAR(result.scores[2], 0.159196, 2e-6);  // 0.0375 + 0.85·0.479730·0.192978/0.646614
  EXPECT_NEAR(result.scores[0] + result.scores[1] + result.scores[2] + result.scores[3], 1.0, 1e-9);
  // A threshold above 0.1930 cuts sentence 2 off: it has no edge and jumps uniformly; the others rank above it.
  const TextRankResult cut = textrank(cos, 4, 0.2, 0.85, 1000, 1e-8);
  EXPECT_LT(cut.scores[2], cut.scores[0]);
  EXPECT_LT(cut.scores[2], result.scores[2]);
}

TEST(ExtractiveSummariser, PicksTheCentralSentencesInSourceOrder) {
  Transcript source;
  for (const auto& s : kStar) source.segments.push_back(turn("caseworker", s));
  ExtractiveOptions options;
  options.sentences = 2;
  // Ranks: 1 (0.480), then 0 and 3 tie (0.181) and the earlier wins; output in source order.
  EXPECT_EQ(extractive_summary(source, options).sections,
            (std::vector<NoteSection>{{"", kStar[0] + "\n" + kStar[1]}}));
  options.sentences = 3;
  EXPECT_EQ(extractive_summary(source, options).sections[0].text, kStar[0] + "\n" + kStar[1] + "\n" + kStar[3]);
  // A word budget: the hub (6 words) and one leaf (4 words) fit into 10, a second leaf does not.
  options.sentences.reset();
  options.max_words = 10;
  EXPECT_EQ(extractive_summary(source, options).sections[0].text, kStar[0] + "\n" + kStar[1]);
  // Not even the hub fits into 3 words: it is cut.
  options.max_words = 3;
  EXPECT_EQ(extractive_summary(source, options).sections[0].text, "Praktikken, kurset og");
}

TEST(ExtractiveSummariser, DropsBackchannelsShortSentencesAndUnwantedRoles) {
  // "Det skriver jeg lige ned." has five words but one content word ("skriver").
  const Transcript source = transcript_of({turn("citizen", "Ja, det er helt fint."), turn("caseworker", "Okay."),
                                           turn("caseworker", "Det skriver jeg lige ned."),
                                           turn("citizen", "Jeg søger job som lagerarbejder i Vejle."),
                                           turn("caseworker", "Du søger to stillinger om ugen i Vejle.")});
  ExtractiveOptions options;
  EXPECT_EQ(extractive_summary(source, options).sections[0].text,
            "Jeg søger job som lagerarbejder i Vejle.\nDu søger to stillinger om ugen i Vejle.");
  options.roles = {kRoleCaseworker};
  EXPECT_EQ(extractive_summary(source, options).sections[0].text, "Du søger to stillinger om ugen i Vejle.");
  options = {};
  options.drop_backchannels = false;
  options.min_words = 0;
  const std::string all = extractive_summary(source, options).sections[0].text;
  EXPECT_NE(all.find("Okay."), std::string::npos);
  EXPECT_NE(all.find("Det skriver jeg lige ned."), std::string::npos);
}

TEST(ExtractiveSummariser, EmptyOrContentFreeSourceGivesAnEmptyNote) {
  EXPECT_TRUE(extractive_summary(Transcript{}, {}).sections.empty());
  EXPECT_TRUE(extractive_summary(transcript_of({turn("citizen", ""), turn("caseworker", "Ja. Okay. Tak skal du have.")}),
                                 {})
                  .sections.empty());
}

TEST(ExtractiveSummariser, KeepsDanishLettersAndIsDeterministicOnARealisticConversation) {
  const Conversation conversation = synthesize_conversation(3, 4);
  const Transcript source{conversation.segments};
  const CaseNote first = extractive_summary(source, {});
  const CaseNote second = extractive_summary(source, {});
  EXPECT_EQ(first, second);
  ASSERT_EQ(first.sections.size(), 1u);
  EXPECT_EQ(first.sections[0].title, "");
  // Within the budget, and every line is a sentence of the source, byte for byte.
  std::string all_source;
  for (const Segment& segment : source.segments) all_source += segment.text + "\n";
  std::size_t words = 0;
  std::istringstream lines(first.sections[0].text);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_NE(all_source.find(line), std::string::npos) << line;
    words += test::words(line).size();
  }
  EXPECT_LE(words, 150u);
  EXPECT_GT(words, 50u);

  const Transcript danish = transcript_of({turn("citizen", "Jeg bor i Ærøskøbing på Ærø og søger arbejde på færgen."),
                                           turn("caseworker", "Færgen på Ærø søger en dygtig styrmand til sommer."),
                                           turn("citizen", "Min søster arbejder på færgen fra Ærøskøbing.")});
  const CaseNote note = extractive_summary(danish, {});
  EXPECT_EQ(note.sections[0].text, danish.segments[0].text + "\n" + danish.segments[1].text + "\n" +
                                       danish.segments[2].text);
}

TEST(ExtractiveSummariser, HugeSourceStaysWithinTheBudget) {
  Transcript source;
  const std::vector<std::string> topics = {"praktik", "kursus", "joblog", "dagpenge", "lægeattest", "mentor"};
  for (int i = 0; i < 1200; ++i)
    source.segments.push_back(turn(i % 2 ? "citizen" : "caseworker",
                                   "Vi taler om " + topics[static_cast<std::size_t>(i) % topics.size()] +
                                       " og " + topics[static_cast<std::size_t>(i * 7 + 3) % topics.size()] +
                                       " i uge " + std::to_string(i % 52) + "."));
  const CaseNote note = extractive_summary(source, {});
  ASSERT_EQ(note.sections.size(), 1u);
  EXPECT_LE(test::words(note.sections[0].text).size(), 150u);
  EXPECT_GE(test::words(note.sections[0].text).size(), 140u);
}

// scikit-learn's TfidfVectorizer (smooth idf, l2 norm) and a plain power iteration as peers.
TEST(ExtractiveSummariser, AgreesWithScikitLearnTfIdf) {
  if (std::system("/usr/bin/python3 -c 'import sklearn, numpy' 2>/dev/null") != 0)
    GTEST_SKIP() << "/usr/bin/python3 with scikit-learn and numpy is not available";
  const Conversation conversation = synthesize_conversation(11, 2);
  std::vector<std::vector<std::string>> terms;
  for (const Segment& segment : conversation.segments)
    for (const std::string& sentence : split_sentences(segment.text)) {
      auto t = sentence_terms(sentence);
      if (!t.empty()) terms.push_back(std::move(t));
    }
  ASSERT_GT(terms.size(), 20u);
  test::ScratchDir scratch;
  const auto input = scratch.path() / "terms.txt";
  {
    std::ofstream out(input);
    for (const auto& t : terms) {
      for (const auto& term : t) out << term << ' ';
      out << '\n';
    }
  }
  const auto script = scratch.path() / "peer.py";
  std::ofstream(script) << R"(import sys, numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
docs = open(sys.argv[1], encoding='utf-8').read().split('\n')[:-1]
x = TfidfVectorizer(analyzer=lambda d: d.split(), smooth_idf=True, norm='l2').fit_transform(docs)
s = (x @ x.T).toarray()
n = s.shape[0]
w = np.where((s > 0.1) & ~np.eye(n, dtype=bool), s, 0.0)
rows = w.sum(axis=1)
m = np.where(rows[:, None] > 0, w / np.where(rows > 0, rows, 1)[:, None], 1.0 / n)
p = np.full(n, 1.0 / n)
for _ in range(1000):
    q = (1 - 0.85) / n + 0.85 * m.T @ p
    done = np.abs(q - p).sum() < 1e-8
    p = q
    if done:
        break
for v in s.flatten(): print(repr(float(v)))
for v in p: print(repr(float(v)))
)";
  const auto output = scratch.path() / "peer.out";
  ASSERT_EQ(std::system(("/usr/bin/python3 " + script.string() + " " + input.string() + " > " + output.string())
                            .c_str()),
            0);
  std::ifstream in(output);
  const std::size_t n = terms.size();
  const std::vector<double> cos = tfidf_cosine_similarity(terms);
  for (std::size_t i = 0; i < n * n; ++i) {
    double peer = 0;
    ASSERT_TRUE(in >> peer);
    ASSERT_NEAR(cos[i], peer, 1e-12) << "entry " << i;
  }
  const TextRankResult ranked = textrank(cos, n, 0.1, 0.85, 1000, 1e-8);
  for (std::size_t i = 0; i < n; ++i) {
    double peer = 0;
    ASSERT_TRUE(in >> peer);
    EXPECT_NEAR(ranked.scores[i], peer, 1e-9) << "sentence " << i;
  }
}

TEST(ExtractiveSummariser, ConfigIsValidatedWithFieldPaths) {
  ProblemList problems;
  auto ok = make_extractive_summariser(
      summary_spec("extractive", {{"sentences", 4}, {"similarity_threshold", 0.2}, {"roles", {"caseworker"}}}),
      problems);
  ASSERT_NE(ok, nullptr);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(dynamic_cast<ExtractiveSummariser&>(*ok).options().roles, (std::vector<std::string>{"caseworker"}));

  EXPECT_EQ(make_extractive_summariser(summary_spec("extractive", {{"damping", 1.5},
                                                                    {"roles", {"caseworker", "boss"}},
                                                                    {"max_words", "many"},
                                                                    {"drop_backchannels", 1}}),
                                       problems),
            nullptr);
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.damping"));
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.roles[1]"));
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.max_words"));
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.drop_backchannels"));

  ProblemList both;
  EXPECT_EQ(make_extractive_summariser(summary_spec("extractive", {{"sentences", 3}, {"max_words", 100}}), both),
            nullptr);
  EXPECT_TRUE(has_field(both, "solutions[0].summarisation.sentences"));
}

// ---- recorded ------------------------------------------------------------------------------------------------

class RecordedSummariserTest : public ::testing::Test {
 protected:
  test::ScratchDir scratch;
  std::filesystem::path dir = scratch.path() / "drafts";
  void SetUp() override { std::filesystem::create_directories(dir); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir / name, std::ios::binary) << content;
  }
  Outcome<CaseNote> run(const std::string& id, nlohmann::json config = {{"dir", "drafts"}}) {
    ProblemList problems;
    auto adapter = make_recorded_summariser(summary_spec("recorded", config, scratch.path().string()), problems);
    EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.items()[0].to_string());
    if (!adapter) return Outcome<CaseNote>::failure("no adapter");
    const Conversation conversation = test::make_conversation(id);
    const Transcript source{conversation.segments};
    return adapter->summarise({conversation, source, kSummarySourceReference, ""});
  }
};

TEST_F(RecordedSummariserTest, ReadsNoteJson) {
  write("c1.json", R"({"kind":"referat","sections":[{"title":"Aftaler","text":"Borger søger 2 stillinger."}]})");
  const auto outcome = run("c1");
  ASSERT_TRUE(outcome.ok()) << outcome.error();
  EXPECT_EQ(outcome.value().kind, "referat");
  EXPECT_EQ(outcome.value().sections, (std::vector<NoteSection>{{"Aftaler", "Borger søger 2 stillinger."}}));
}

TEST_F(RecordedSummariserTest, ReadsMarkdownByHeadings) {
  write("c2.md", "## Formål\nFørste samtale.\n\n**Aftaler:**\n- Søger på Ærø.\n");
  const auto outcome = run("c2");
  ASSERT_TRUE(outcome.ok()) << outcome.error();
  EXPECT_EQ(outcome.value().sections,
            (std::vector<NoteSection>{{"Formål", "Første samtale."}, {"Aftaler", "- Søger på Ærø."}}));
}

TEST_F(RecordedSummariserTest, ReadsPlainTextAndExtraTitles) {
  write("c3.txt", "Særlige forhold: Borger har tolk.\nNæste skridt: Møde 14. januar.\n");
  const auto plain = run("c3");
  ASSERT_TRUE(plain.ok()) << plain.error();
  EXPECT_EQ(plain.value().sections, (std::vector<NoteSection>{{"", "Særlige forhold: Borger har tolk."},
                                                              {"Næste skridt", "Møde 14. januar."}}));
  const auto extra = run("c3", {{"dir", "drafts"}, {"sections", {"Særlige forhold"}}});
  ASSERT_TRUE(extra.ok()) << extra.error();
  EXPECT_EQ(extra.value().sections, (std::vector<NoteSection>{{"Særlige forhold", "Borger har tolk."},
                                                              {"Næste skridt", "Møde 14. januar."}}));
}

TEST_F(RecordedSummariserTest, MissingFileFailsTheItemNamingThePath) {
  const auto outcome = run("c4");
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.error().find((dir / "c4.json").string()), std::string::npos) << outcome.error();
}

TEST_F(RecordedSummariserTest, MalformedFilesFailWithFileAndLine) {
  write("c5.json", "{\"sections\": [\n  {\"title\": \"Formål\", \"text\": 3}\n]}");
  const auto json = run("c5");
  ASSERT_FALSE(json.ok());
  EXPECT_NE(json.error().find("c5.json:2"), std::string::npos) << json.error();
  write("c6.md", "## Formål\nOK\nbad \xff byte\n");
  const auto md = run("c6");
  ASSERT_FALSE(md.ok());
  EXPECT_NE(md.error().find("c6.md:3"), std::string::npos) << md.error();
}

TEST_F(RecordedSummariserTest, UnsafeIdFails) {
  const auto outcome = run("../c1");
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.error().find("cannot name"), std::string::npos);
}

TEST_F(RecordedSummariserTest, ConfigIsValidated) {
  ProblemList problems;
  EXPECT_EQ(make_recorded_summariser(summary_spec("recorded", {{"sections", {"Formål", ""}}, {"format", "md"}},
                                                  scratch.path().string()),
                                     problems),
            nullptr);
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.dir"));
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.sections[1]"));
  EXPECT_TRUE(has_field(problems, "solutions[0].summarisation.format"));
  ProblemList missing_dir;
  EXPECT_EQ(make_recorded_summariser(summary_spec("recorded", {{"dir", "nowhere"}}, scratch.path().string()),
                                     missing_dir),
            nullptr);
  ASSERT_EQ(missing_dir.size(), 1u);
  EXPECT_NE(missing_dir.items()[0].message.find("nowhere"), std::string::npos);
}

// ---- simulated -----------------------------------------------------------------------------------------------

// A hand-made conversation whose note states facts the way synthetic notes do.
Conversation hand_made_conversation() {
  Conversation c = test::make_conversation("hand-1");
  c.reference_note.sections = {
      {"Formål", "Første samtale efter ledighed pr. 1. oktober."},
      {"Borgerens situation", "Borger oplyser husleje på 5.200 kr. om måneden. Har søgt 4 stillinger hos Bæk Logistik."},
      {"Aftaler", "- Borger søger mindst 2 stillinger om ugen.\n- Borger deltager i kursus fra 12. november kl. 9.00."},
      {"Næste skridt", "Næste samtale 14. januar kl. 10.00, telefonisk."}};
  c.key_facts = {{"date", "10-01", "den første oktober", "ledig fra"},
                 {"amount", "5200", "5.200 kroner", "husleje"},
                 {"number", "4", "fire stillinger", "søgte stillinger"},
                 {"organisation", "Bæk Logistik", "Bæk Logistik", "tidligere arbejdsgiver"},
                 {"number", "2", "to stillinger", "ansøgninger pr. uge"},
                 {"date", "11-12", "den tolvte november", "kursusstart"},
                 {"time", "09:00", "klokken ni", "kursusstart, klokkeslæt"},
                 {"next_meeting", "01-14 10:00", "den fjortende januar klokken ti", "næste samtale"}};
  return c;
}

SimulatedSummaryOptions quiet(std::string_view profile) {
  SimulatedSummaryOptions options = simulated_summary_profile(profile);
  options.paraphrase_rate = 0.0;
  options.reorder_rate = 0.0;
  return options;
}

CaseNote simulate(const Conversation& c, const SimulatedSummaryOptions& options,
                  std::string_view source_kind = kSummarySourceReference, const Transcript* source = nullptr) {
  const Transcript reference{c.segments};
  const auto outcome = simulate_summary(c, source ? *source : reference, source_kind, options);
  EXPECT_TRUE(outcome.ok()) << outcome.error();
  return outcome.ok() ? outcome.value() : CaseNote{};
}

TEST(SimulatedSummariser, LocatesKeyFactsAsNotesWriteThem) {
  const Conversation c = hand_made_conversation();
  const auto located = locate_key_facts(c.reference_note, c.key_facts);
  std::map<std::size_t, std::string> by_fact;
  for (const auto& l : located) by_fact[l.fact_index] = l.rendering;
  EXPECT_EQ(by_fact, (std::map<std::size_t, std::string>{{0, "1. oktober"},
                                                          {1, "5.200"},
                                                          {2, "4"},
                                                          {3, "Bæk Logistik"},
                                                          {4, "2"},
                                                          {5, "12. november"},
                                                          {6, "kl. 9.00"},
                                                          {7, "14. januar kl. 10.00"}}));
}

TEST(SimulatedSummariser, WithoutEditsTheDraftIsTheReferenceNote) {
  const Conversation c = hand_made_conversation();
  EXPECT_EQ(simulate(c, quiet("good")), c.reference_note);
}

TEST(SimulatedSummariser, DroppingTheNextMeetingRemovesDateAndTime) {
  const Conversation c = hand_made_conversation();
  SimulatedSummaryOptions options = quiet("good");
  options.drop_next_meeting_rate = 1.0;
  EXPECT_EQ(simulate(c, options).sections[3].text, "Næste samtale, telefonisk.");
  // Without a next_meeting key fact the date is found in the text itself.
  Conversation bare = c;
  bare.key_facts.clear();
  EXPECT_EQ(simulate(bare, options).sections[3].text, "Næste samtale, telefonisk.");
}

TEST(SimulatedSummariser, ControlCharactersInTheNoteSurvive) {
  Conversation c = hand_made_conversation();
  c.reference_note.sections[0].text = "Odd \x01\x02\x02 text \x01 1. oktober";
  EXPECT_EQ(simulate(c, quiet("good")).sections[0].text, c.reference_note.sections[0].text);
}

TEST(SimulatedSummariser, WithoutKeyFactsTheFirstDateOfNaesteSkridtIsDropped) {
  Conversation c = hand_made_conversation();
  c.key_facts.clear();
  c.reference_note.sections[3].text = "Næste samtale 30. marts kl. 9.30. Kursus 2. februar.";
  SimulatedSummaryOptions options = quiet("good");
  options.drop_next_meeting_rate = 1.0;
  EXPECT_EQ(simulate(c, options).sections[3].text, "Næste samtale. Kursus 2. februar.");
}

TEST(SimulatedSummariser, InventedValuesStayNearTheTruth) {
  const Conversation c = hand_made_conversation();
  SimulatedSummaryOptions options = quiet("invents-facts");
  options.invent_rate = 1.0;
  options.invented_sentence_rate = 0.0;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    options.seed = seed;
    const CaseNote draft = simulate(c, options);
    const std::string text = body(draft);
    // The amount 5.200 moves by 10–30 % in steps of 100: 3.700 … 6.800 (never 5.200).
    EXPECT_EQ(text.find("5.200"), std::string::npos) << text;
    // The next meeting moves by ±1–3 days or ±1 hour.
    const std::string& next = draft.sections[3].text;
    EXPECT_NE(next, c.reference_note.sections[3].text);
    const bool day_moved = next.find(" januar kl. 10.00") != std::string::npos;
    const bool hour_moved = next.find("14. januar kl. 9.00") != std::string::npos ||
                            next.find("14. januar kl. 11.00") != std::string::npos;
    EXPECT_TRUE(day_moved != hour_moved) << next;
    if (day_moved) {
      const int day = std::stoi(next.substr(std::string("Næste samtale ").size()));
      EXPECT_TRUE(day >= 11 && day <= 17 && day != 14) << next;
    }
    // Names are never invented (only chaining misspells them).
    EXPECT_NE(text.find("Bæk Logistik"), std::string::npos);
  }
}

TEST(SimulatedSummariser, AnInventedSentenceStatesSomethingNotInTheConversation) {
  const Conversation c = hand_made_conversation();
  SimulatedSummaryOptions options = quiet("good");
  options.invented_sentence_rate = 1.0;
  const CaseNote draft = simulate(c, options);
  ASSERT_EQ(draft.sections.size(), 4u);
  const std::string& agreements = draft.sections[2].text;
  ASSERT_EQ(std::count(agreements.begin(), agreements.end(), '\n'), 2) << agreements;
  const std::string added = agreements.substr(agreements.rfind('\n') + 1);
  EXPECT_EQ(added.rfind("- ", 0), 0u) << added;
  bool has_date_or_amount = added.find(" kr.") != std::string::npos;
  for (const char* month : {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                            "oktober", "november", "december"})
    has_date_or_amount = has_date_or_amount || added.find(std::string(". ") + month) != std::string::npos;
  EXPECT_TRUE(has_date_or_amount) << added;
}

TEST(SimulatedSummariser, ChainingMakesFactsMissingFromTheSourceWrong) {
  const Conversation c = hand_made_conversation();
  // The transcription misheard "den fjortende januar" and "Bæk Logistik".
  Transcript misheard{{turn("caseworker", "Næste samtale er den femtende januar klokken ti."),
                       turn("citizen", "Jeg var hos Bæg Logistik. Huslejen er 5.200 kroner, og jeg søgte fire "
                                       "stillinger."),
                       turn("caseworker", "Du var ledig fra den første oktober. Du søger to stillinger om ugen, og "
                                          "kurset er den tolvte november klokken ni.")}};
  const CaseNote from_transcription = simulate(c, quiet("good"), kSummarySourceTranscription, &misheard);
  const std::string text = body(from_transcription);
  EXPECT_EQ(text.find("14. januar kl. 10.00"), std::string::npos) << text;
  EXPECT_EQ(text.find("Bæk Logistik"), std::string::npos) << text;
  for (const char* kept : {"1. oktober", "5.200", "4 stillinger", "2 stillinger", "12. november kl. 9.00"})
    EXPECT_NE(text.find(kept), std::string::npos) << kept << " in " << text;
  // The same source given as the reference changes nothing: chaining applies to transcriptions only.
  EXPECT_EQ(simulate(c, quiet("good"), kSummarySourceReference, &misheard), c.reference_note);
}

TEST(SimulatedSummariser, FailsWithoutAReferenceNote) {
  const Conversation c = test::make_conversation("no-note");
  const auto outcome = simulate_summary(c, Transcript{c.segments}, kSummarySourceReference, {});
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.error().find("no-note"), std::string::npos);
}

// Occurrences of a rendering that are not part of a longer number ("4" in "24. august", "7.400" or "8.45"): a
// changed fact lowers its rendering's count by one even when the same value occurs elsewhere in the note.
std::size_t occurrences(const std::string& text, const std::string& needle) {
  auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  std::size_t count = 0;
  for (std::size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    const std::size_t end = pos + needle.size();
    if (pos > 0 && (digit(pos - 1) || text[pos - 1] == '.')) continue;
    if (digit(end) || ((end < text.size() && (text[end] == '.' || text[end] == ',')) && digit(end + 1))) continue;
    ++count;
  }
  return count;
}

std::vector<Conversation> synthetic(int count, std::uint64_t seed = 5) {
  std::vector<Conversation> out;
  for (int i = 0; i < count; ++i) out.push_back(synthesize_conversation(seed, i));
  return out;
}

TEST(SimulatedSummariser, GoodKeepsEveryKeyFactValue) {
  std::size_t facts = 0, changed_drafts = 0;
  for (const Conversation& c : synthetic(60)) {
    const CaseNote draft = simulate(c, simulated_summary_profile("good"));
    ASSERT_EQ(draft.sections.size(), c.reference_note.sections.size());
    if (draft != c.reference_note) ++changed_drafts;
    const std::string text = body(draft);
    for (const LocatedFact& fact : locate_key_facts(c.reference_note, c.key_facts)) {
      ++facts;
      EXPECT_NE(text.find(fact.rendering), std::string::npos) << c.id << ": " << fact.rendering << " in\n" << text;
    }
  }
  EXPECT_GT(facts, 300u);           // the check covered many facts …
  EXPECT_GT(changed_drafts, 50u);   // … and the drafts really were paraphrased
}

std::size_t agreement_lines(const CaseNote& note) {
  for (const NoteSection& section : note.sections)
    if (section.title == "Aftaler") return static_cast<std::size_t>(std::count(section.text.begin(), section.text.end(), '\n')) + 1;
  return 0;
}

TEST(SimulatedSummariser, DropsAgreementsAtTheConfiguredRate) {
  const auto conversations = synthetic(300);
  for (double rate : {0.5, 0.2}) {
    SimulatedSummaryOptions options = simulated_summary_profile("drops-agreements");
    options.drop_rate = rate;
    std::size_t before = 0, after = 0, meeting_dropped = 0, with_meeting = 0;
    for (const Conversation& c : conversations) {
      before += agreement_lines(c.reference_note);
      const CaseNote draft = simulate(c, options);
      after += agreement_lines(draft);
      const auto located = locate_key_facts(c.reference_note, c.key_facts);
      for (const LocatedFact& fact : located)
        if (c.key_facts[fact.fact_index].type == "next_meeting") {
          ++with_meeting;
          if (body(draft).find(fact.rendering) == std::string::npos) ++meeting_dropped;
        }
    }
    ASSERT_GT(before, 600u);
    // Binomial: with n > 600 bullets the standard error is below 0.021; allow about 3 of them.
    const double dropped = 1.0 - static_cast<double>(after) / static_cast<double>(before);
    EXPECT_NEAR(dropped, rate, 0.06) << "before " << before << " after " << after;
    ASSERT_GT(with_meeting, 250u);
    EXPECT_NEAR(static_cast<double>(meeting_dropped) / static_cast<double>(with_meeting), 0.3, 0.09);
  }
}

TEST(SimulatedSummariser, InventsFactsChangesSomeDatesAndAmounts) {
  std::size_t numeric = 0, changed = 0, text_facts = 0, text_changed = 0, longer = 0;
  const auto conversations = synthetic(80);
  for (const Conversation& c : conversations) {
    const CaseNote draft = simulate(c, simulated_summary_profile("invents-facts"));
    const std::string text = body(draft);
    if (text.size() > body(c.reference_note).size() + 20) ++longer;
    for (const LocatedFact& fact : locate_key_facts(c.reference_note, c.key_facts)) {
      const std::string& type = c.key_facts[fact.fact_index].type;
      const bool missing = occurrences(text, fact.rendering) < occurrences(body(c.reference_note), fact.rendering);
      if (type == "date" || type == "amount" || type == "time" || type == "next_meeting") {
        ++numeric;
        changed += missing;
      } else if (type == "organisation" || type == "name") {
        ++text_facts;
        text_changed += missing;
      }
    }
  }
  ASSERT_GT(numeric, 150u);
  // invent_rate 0.3 per fact; a changed value may coincide with another fact's, so "missing" slightly undercounts.
  const double share = static_cast<double>(changed) / static_cast<double>(numeric);
  EXPECT_GT(share, 0.18);
  EXPECT_LT(share, 0.42);
  EXPECT_EQ(text_changed, 0u) << "of " << text_facts;
  // invented_sentence_rate 0.5: about half the drafts gain a sentence.
  EXPECT_GT(longer, 25u);
  EXPECT_LT(longer, 60u);
}

TEST(SimulatedSummariser, ChainingOverSyntheticAsrLosesFactsTheTranscriptLost) {
  std::size_t lost = 0, lost_changed = 0;
  for (const Conversation& c : synthetic(40)) {
    // Simulate a transcript that lost every second fact's words.
    Transcript source{c.segments};
    std::set<std::size_t> removed;
    for (std::size_t f = 0; f < c.key_facts.size(); f += 2) {
      const std::string words = casefold(c.key_facts[f].text);
      if (words.empty()) continue;
      for (Segment& segment : source.segments) {
        segment.text = casefold(segment.text);  // the simulator compares case-insensitively
        for (std::size_t pos; (pos = segment.text.find(words)) != std::string::npos;)
          segment.text.replace(pos, words.size(), "øh");
      }
      removed.insert(f);
    }
    const CaseNote draft = simulate(c, quiet("good"), kSummarySourceTranscription, &source);
    const std::string text = body(draft);
    for (const LocatedFact& fact : locate_key_facts(c.reference_note, c.key_facts)) {
      if (!removed.count(fact.fact_index)) continue;
      ++lost;
      lost_changed += occurrences(text, fact.rendering) < occurrences(body(c.reference_note), fact.rendering);
    }
  }
  ASSERT_GT(lost, 80u);
  // Nearly every one: the count can stay when another changed fact lands on the old value (a bare "4" changed to
  // 2 while a date "2. juni" moved to "4. juni"). Without chaining none would change (quiet "good" profile).
  EXPECT_GT(static_cast<double>(lost_changed) / static_cast<double>(lost), 0.95) << lost_changed << " of " << lost;
}

TEST(SimulatedSummariser, IsDeterministicPerSeedAndConversation) {
  const auto conversations = synthetic(5);
  SimulatedSummaryOptions options = simulated_summary_profile("invents-facts");
  options.drop_rate = 0.3;
  std::size_t differing = 0;
  for (const Conversation& c : conversations) {
    EXPECT_EQ(simulate(c, options), simulate(c, options));
    SimulatedSummaryOptions other = options;
    other.seed = 99;
    differing += simulate(c, options) != simulate(c, other);
  }
  EXPECT_GE(differing, 4u);
}

TEST(SimulatedSummariser, ConfigIsValidatedWithFieldPaths) {
  ProblemList problems;
  auto ok = make_simulated_summariser(summary_spec("simulated", {{"profile", "drops-agreements"}, {"drop_rate", 0.7},
                                                                 {"seed", 4}}),
                                      problems);
  ASSERT_NE(ok, nullptr);
  EXPECT_TRUE(problems.empty());
  const auto& options = dynamic_cast<SimulatedSummariser&>(*ok).options();
  EXPECT_EQ(options.drop_rate, 0.7);
  EXPECT_EQ(options.drop_next_meeting_rate, 0.3);  // the profile's default
  EXPECT_EQ(options.seed, 4u);
  EXPECT_EQ(ok->id(), (ComponentId{"simulated", "1"}));

  EXPECT_EQ(make_simulated_summariser(summary_spec("simulated", {{"profile", "excellent"}, {"invent_rate", 2},
                                                                 {"seed", -1}, {"drop_rat", 0.1}}),
                                      problems),
            nullptr);
  for (const char* field : {"profile", "invent_rate", "seed", "drop_rat"})
    EXPECT_TRUE(has_field(problems, std::string("solutions[0].summarisation.") + field)) << field;
}

// ---- registry ------------------------------------------------------------------------------------------------

TEST(LocalSummarisers, AreRegistered) {
  AdapterRegistry registry;
  register_local_summarisers(registry);
  const auto kinds = registry.summarisation_kinds();
  for (const char* kind : {"extractive", "lead", "recorded", "simulated"})
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), kind), kinds.end()) << kind;
  ProblemList problems;
  for (const char* kind : {"extractive", "lead", "simulated"})
    EXPECT_NE(registry.make_summarisation(summary_spec(kind, nlohmann::json::object()), problems), nullptr) << kind;
  EXPECT_TRUE(problems.empty());
}

}  // namespace
}  // namespace pb
