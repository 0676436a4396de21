#include "adapters/simulated_asr_adapter.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "core/rng.h"

#include "tests/adapters/adapter_test_util.h"

namespace pb {
namespace {

using test::make_conversation;
using test::word_edit_distance;
using test::words;

// Plain words that are in no confusion, compound or merge table and have no droppable ending, so each
// substitution turns one word into exactly one other word.
const std::vector<std::string> kPlainWords = {"hus", "bil", "kaffe", "bord", "vand", "stol", "mad", "skole", "bog",
                                              "papir", "tog", "lampe", "sko", "dør", "cykel", "frugt"};

Conversation big_conversation(const std::string& id, int segments = 1000, int words_per_segment = 20) {
  std::vector<Segment> result;
  Rng rng(42);
  for (int s = 0; s < segments; ++s) {
    std::string text;
    for (int w = 0; w < words_per_segment; ++w) text += (w ? " " : "") + rng.pick(kPlainWords);
    result.push_back({s % 2 ? "B" : "SB", s % 2 ? "citizen" : "caseworker", s * 1.0, s + 1.0, text});
  }
  return make_conversation(id, result);
}

SimulatedAsrOptions only(double substitution, double deletion, double insertion) {
  SimulatedAsrOptions options;
  options.substitution_rate = substitution;
  options.deletion_rate = deletion;
  options.insertion_rate = insertion;
  options.number_error_rate = 0;
  options.name_error_rate = 0;
  return options;
}

// Word edits per reference word, summed over segments (which the simulator keeps 1:1 here).
double observed_error_rate(const Conversation& conversation, const Transcript& hypothesis) {
  EXPECT_EQ(hypothesis.segments.size(), conversation.segments.size());
  std::size_t edits = 0, reference_words = 0;
  for (std::size_t i = 0; i < conversation.segments.size() && i < hypothesis.segments.size(); ++i) {
    const auto ref = words(conversation.segments[i].text);
    edits += word_edit_distance(ref, words(hypothesis.segments[i].text));
    reference_words += ref.size();
  }
  return static_cast<double>(edits) / static_cast<double>(reference_words);
}

TEST(SimulatedAsr, ZeroRatesReproduceTheReference) {
  const Conversation conversation = make_conversation("conv-1");
  const Transcript out = simulate_asr(conversation, only(0, 0, 0));
  EXPECT_EQ(out.segments, conversation.segments);
}

TEST(SimulatedAsr, SameSeedSameOutputDifferentSeedDifferentOutput) {
  const Conversation conversation = big_conversation("conv-1", 50);
  SimulatedAsrOptions options;
  options.seed = 7;
  const Transcript a = simulate_asr(conversation, options);
  const Transcript b = simulate_asr(conversation, options);
  EXPECT_EQ(a, b);
  options.seed = 8;
  EXPECT_NE(a, simulate_asr(conversation, options));
  EXPECT_NE(a.segments, conversation.segments);
}

TEST(SimulatedAsr, OutputDoesNotDependOnCallOrderOrThreads) {
  std::vector<Conversation> conversations;
  for (int i = 0; i < 8; ++i) conversations.push_back(big_conversation("conv-" + std::to_string(i), 20));
  SimulatedAsrAdapter forward(SimulatedAsrOptions{});
  SimulatedAsrAdapter backward(SimulatedAsrOptions{});
  std::vector<Transcript> in_order;
  for (const auto& c : conversations) in_order.push_back(forward.transcribe({c, ""}).value());
  std::vector<Transcript> reversed(conversations.size());
  for (std::size_t i = conversations.size(); i-- > 0;) reversed[i] = backward.transcribe({conversations[i], ""}).value();
  std::vector<Transcript> threaded(conversations.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < conversations.size(); ++i)
    threads.emplace_back([&, i] { threaded[i] = forward.transcribe({conversations[i], ""}).value(); });
  for (auto& t : threads) t.join();
  EXPECT_EQ(in_order, reversed);
  EXPECT_EQ(in_order, threaded);
  // Different conversations get different streams even with identical text.
  EXPECT_NE(in_order[0], in_order[1]);
}

// 20,000 reference words: the standard deviation of an observed rate near 0.1 is about 0.002, so 0.01 is a
// five-sigma tolerance.
TEST(SimulatedAsr, SubstitutionRateIsObserved) {
  const Conversation conversation = big_conversation("conv-rate");
  EXPECT_NEAR(observed_error_rate(conversation, simulate_asr(conversation, only(0.10, 0, 0))), 0.10, 0.01);
}

TEST(SimulatedAsr, DeletionRateIsObserved) {
  const Conversation conversation = big_conversation("conv-rate");
  const Transcript out = simulate_asr(conversation, only(0, 0.10, 0));
  std::size_t ref = 0, hyp = 0;
  for (const auto& s : conversation.segments) ref += words(s.text).size();
  for (const auto& s : out.segments) hyp += words(s.text).size();
  EXPECT_NEAR(1.0 - static_cast<double>(hyp) / static_cast<double>(ref), 0.10, 0.01);
}

TEST(SimulatedAsr, InsertionRateIsObserved) {
  const Conversation conversation = big_conversation("conv-rate");
  const Transcript out = simulate_asr(conversation, only(0, 0, 0.10));
  EXPECT_NEAR(observed_error_rate(conversation, out), 0.10, 0.01);
  std::set<std::string> inserted;
  for (const auto& s : out.segments)
    for (const auto& w : words(s.text))
      if (std::find(kPlainWords.begin(), kPlainWords.end(), w) == kPlainWords.end()) inserted.insert(w);
  const std::set<std::string> fillers = {"øh", "øhm", "ja", "og", "så", "der", "altså", "jo", "hm"};
  EXPECT_FALSE(inserted.empty());
  for (const auto& w : inserted) EXPECT_TRUE(fillers.count(w)) << w;
}

TEST(SimulatedAsr, DefaultRatesGiveAboutElevenPercentWer) {
  const Conversation conversation = big_conversation("conv-rate");
  // 0.06 + 0.03 + 0.02; alignment may merge an adjacent deletion and insertion into one substitution, hence
  // the slightly lower bound.
  EXPECT_NEAR(observed_error_rate(conversation, simulate_asr(conversation, only(0.06, 0.03, 0.02))), 0.105, 0.012);
}

TEST(SimulatedAsr, GroupMultiplierDoublesTheRateForTheMatchingGroup) {
  SimulatedAsrOptions options = only(0.05, 0, 0);
  options.group_multipliers = {{"danish", "second-language", 2.0}, {"target_group", "integration", 1.0}};
  Conversation first = big_conversation("conv-first");
  first.attributes["danish"] = "first-language";
  Conversation second = big_conversation("conv-second");
  second.attributes["danish"] = "second-language";
  EXPECT_NEAR(observed_error_rate(first, simulate_asr(first, options)), 0.05, 0.008);
  EXPECT_NEAR(observed_error_rate(second, simulate_asr(second, options)), 0.10, 0.01);
}

TEST(SimulatedAsr, MultipliersComposeAndRatesAreCapped) {
  SimulatedAsrOptions options = only(0.1, 0.2, 0.4);
  options.number_error_rate = 0.1;
  options.group_multipliers = {{"danish", "second-language", 2.0}, {"target_group", "integration", 1.5}};
  Conversation c = make_conversation("c");
  c.attributes["danish"] = "second-language";
  c.target_group = "integration";
  const SimulatedAsrRates rates = effective_rates(options, c);
  EXPECT_DOUBLE_EQ(rates.number, 0.1 * 3.0);
  EXPECT_DOUBLE_EQ(rates.insertion, 0.95);  // 0.4 * 3 capped
  // substitution 0.3 + deletion 0.6 = 0.9 fits under the cap and keeps its proportions
  EXPECT_DOUBLE_EQ(rates.substitution, 0.1 * 3.0);
  EXPECT_DOUBLE_EQ(rates.deletion, 0.2 * 3.0);
  c.target_group = "jobparate";
  EXPECT_DOUBLE_EQ(effective_rates(options, c).substitution, 0.2);
  // Doubled, substitution 1.0 is capped to 0.95 first; 0.95 + 0.4 > 0.95, so both are scaled down together.
  options.substitution_rate = 0.5;
  const SimulatedAsrRates scaled = effective_rates(options, c);
  EXPECT_NEAR(scaled.substitution + scaled.deletion, 0.95, 1e-12);
  EXPECT_NEAR(scaled.substitution / scaled.deletion, 0.95 / 0.4, 1e-9);
}

TEST(SimulatedAsr, AnonymousSpeakerLabelsFollowFirstAppearance) {
  SimulatedAsrOptions options = only(0, 0, 0);
  options.speaker_labels = SpeakerLabelMode::anonymous;
  const Conversation c = make_conversation(
      "c", {{"B", "citizen", 0.0, 1.0, "hej"}, {"SB", "caseworker", 1.0, 2.0, "goddag"}, {"B", "citizen", 2.0, 3.0, "ja"},
            {"TOLK", "interpreter", 3.0, 4.0, "nej"}});
  const Transcript out = simulate_asr(c, options);
  ASSERT_EQ(out.segments.size(), 4u);
  EXPECT_EQ(out.segments[0].speaker, "spk0");
  EXPECT_EQ(out.segments[1].speaker, "spk1");
  EXPECT_EQ(out.segments[2].speaker, "spk0");
  EXPECT_EQ(out.segments[3].speaker, "spk2");
  for (const auto& s : out.segments) EXPECT_EQ(s.role, "");
  EXPECT_EQ(out.segments[1].start, 1.0);
}

TEST(SimulatedAsr, KeepTimesFalseDropsTimes) {
  SimulatedAsrOptions options = only(0, 0, 0);
  options.keep_times = false;
  const Transcript out = simulate_asr(make_conversation("c"), options);
  for (const auto& s : out.segments) {
    EXPECT_FALSE(s.start.has_value());
    EXPECT_FALSE(s.end.has_value());
    EXPECT_EQ(s.speaker.empty(), false);
  }
}

// Collects what one reference word becomes over many seeds at the maximum substitution rate.
std::set<std::string> substitutions_of(const std::string& text, std::size_t word_index) {
  std::set<std::string> seen;
  SimulatedAsrOptions options = only(1.0, 0, 0);
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    options.seed = seed;
    const auto out = words(simulate_asr(make_conversation("c", {{"SB", "", {}, {}, text}}), options).segments.at(0).text);
    if (out.size() > word_index) seen.insert(out[word_index]);
  }
  return seen;
}

TEST(SimulatedAsr, SubstitutionsArePlausibleDanishConfusions) {
  // Confusion table: always the partner(s) (or the word itself: the rate is capped at 0.95).
  EXPECT_EQ(substitutions_of("ja jobcentret ja", 1), (std::set<std::string>{"jobcentret", "jobcenteret"}));
  EXPECT_EQ(substitutions_of("ja det ja", 1), (std::set<std::string>{"det", "de", "dem"}));
  EXPECT_EQ(substitutions_of("ja ikke ja", 1), (std::set<std::string>{"ikke", "ik'"}));
  // Numbers: a neighbouring number; punctuation around the word is kept.
  EXPECT_EQ(substitutions_of("ja 14. ja", 1), (std::set<std::string>{"14.", "13.", "15."}));
  EXPECT_EQ(substitutions_of("ja 09:30 ja", 1), (std::set<std::string>{"09:30", "08:30", "10:30", "09:29", "09:31"}));
  EXPECT_EQ(substitutions_of("ja 0 ja", 1), (std::set<std::string>{"0", "1"}));
  EXPECT_EQ(substitutions_of("ja fjorten ja", 1), (std::set<std::string>{"fjorten", "tretten", "femten"}));
  // Names (capitalised, not sentence-initial): a similar-sounding name, capitalised.
  EXPECT_EQ(substitutions_of("ja Pedersen ja", 1), (std::set<std::string>{"Pedersen", "Petersen"}));
  // Sentence-initial capitals are words, not names: "Det" becomes "De" or "Dem".
  EXPECT_EQ(substitutions_of("Det er fint", 0), (std::set<std::string>{"Det", "De", "Dem"}));
}

TEST(SimulatedAsr, CompoundsSplitAndWordPairsMerge) {
  std::set<std::string> merged = substitutions_of("vi ses i dag", 2);
  EXPECT_TRUE(merged.count("idag")) << "merge never happened";
  bool split_seen = false;
  SimulatedAsrOptions options = only(1.0, 0, 0);
  for (std::uint64_t seed = 0; seed < 200 && !split_seen; ++seed) {
    options.seed = seed;
    const auto out = simulate_asr(make_conversation("c", {{"SB", "", {}, {}, "kontanthjælp"}}), options);
    split_seen = !out.segments.empty() && out.segments[0].text == "kontant hjælp";
  }
  EXPECT_TRUE(split_seen);
}

TEST(SimulatedAsr, NumberAndNameErrorRatesApplyOnlyToTheirClass) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "bil 14 hus Jensen ";
  SimulatedAsrOptions options = only(0, 0, 0);
  options.number_error_rate = 0.3;
  options.name_error_rate = 0.2;
  const auto out = words(simulate_asr(make_conversation("c", {{"SB", "", {}, {}, text}}), options).segments.at(0).text);
  ASSERT_EQ(out.size(), 8000u);
  int numbers_changed = 0, names_changed = 0, others_changed = 0;
  for (std::size_t i = 0; i < out.size(); i += 4) {
    others_changed += (out[i] != "bil") + (out[i + 2] != "hus");
    numbers_changed += out[i + 1] != "14";
    names_changed += out[i + 3] != "Jensen";
  }
  EXPECT_EQ(others_changed, 0);
  EXPECT_NEAR(numbers_changed / 2000.0, 0.3, 0.04);
  EXPECT_NEAR(names_changed / 2000.0, 0.2, 0.04);
}

TEST(SimulatedAsrConfig, DefaultsAndCommonKeysAreAccepted) {
  ProblemList problems;
  const SimulatedAsrOptions options = read_simulated_asr_options(
      test::make_spec("simulated-asr", {{"timeout_s", 5}, {"retries", 1}, {"cache_dir", "c"}}), problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_DOUBLE_EQ(options.substitution_rate, 0.06);
  EXPECT_DOUBLE_EQ(options.deletion_rate, 0.03);
  EXPECT_DOUBLE_EQ(options.insertion_rate, 0.02);
  EXPECT_EQ(options.speaker_labels, SpeakerLabelMode::reference);
  EXPECT_TRUE(options.keep_times);
}

TEST(SimulatedAsrConfig, ProblemsNameTheFieldPath) {
  ProblemList problems;
  const auto adapter = make_simulated_asr_adapter(
      test::make_spec("simulated-asr", {{"seed", -1},
                                        {"substitution_rate", 1.5},
                                        {"deletion_rate", "high"},
                                        {"subsitution_rate", 0.1},
                                        {"speaker_labels", "diarised"},
                                        {"keep_times", "yes"},
                                        {"group_multipliers",
                                         {{{"attribute", "danish"}, {"value", "second-language"}, {"multiplier", "2"}},
                                          {{"attribute", "danish"}, {"multipler", 2.0}}}}}),
      problems);
  EXPECT_EQ(adapter, nullptr);
  std::set<std::string> fields;
  for (const auto& p : problems.items()) {
    fields.insert(p.field);
    EXPECT_EQ(p.file, "scenario.json");
  }
  const std::string base = "solutions[0].transcription.";
  EXPECT_EQ(fields, (std::set<std::string>{base + "seed", base + "substitution_rate", base + "deletion_rate",
                                           base + "subsitution_rate", base + "speaker_labels", base + "keep_times",
                                           base + "group_multipliers[0].multiplier",
                                           base + "group_multipliers[1].multipler",
                                           base + "group_multipliers[1].value",
                                           base + "group_multipliers[1].multiplier"}));
  for (const auto& p : problems.items())
    if (p.field == base + "substitution_rate") {
      EXPECT_EQ(p.message, "expected a number from 0 to 1, got 1.5");
    }
}

}  // namespace
}  // namespace pb
