#include "scenarios/synth_conversations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "core/utf8.h"

namespace pb {
namespace {

// Generated once: 200 conversations are what the corpus-level properties (mix, variety) are stated for.
const std::vector<Conversation>& corpus() {
  static const std::vector<Conversation> c = synthesize_conversations({200, 1});
  return c;
}

int word_count(const std::string& text) {
  int n = 0;
  bool in_word = false;
  for (char ch : text) {
    const bool space = ch == ' ' || ch == '\n';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

TEST(SynthConversations, SameSeedGivesIdenticalOutput) {
  const auto a = synthesize_conversations({25, 7});
  const auto b = synthesize_conversations({25, 7});
  ASSERT_EQ(a.size(), 25u);
  EXPECT_EQ(a, b);
}

TEST(SynthConversations, DifferentSeedGivesDifferentOutput) {
  const auto a = synthesize_conversations({10, 1});
  const auto b = synthesize_conversations({10, 2});
  int same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  EXPECT_EQ(same, 0);
}

TEST(SynthConversations, PrefixProperty) {
  const auto small = synthesize_conversations({10, 3});
  const auto large = synthesize_conversations({50, 3});
  ASSERT_EQ(small.size(), 10u);
  ASSERT_EQ(large.size(), 50u);
  for (std::size_t i = 0; i < small.size(); ++i) EXPECT_EQ(small[i], large[i]) << small[i].id;
}

TEST(SynthConversations, CountZeroOrNegativeGivesEmpty) {
  EXPECT_TRUE(synthesize_conversations({0, 1}).empty());
  EXPECT_TRUE(synthesize_conversations({-3, 1}).empty());
}

TEST(SynthConversations, IdsAudioAndLanguage) {
  const auto& c = corpus();
  EXPECT_EQ(c[0].id, "conv-0001");
  EXPECT_EQ(c[199].id, "conv-0200");
  for (const auto& conv : c) {
    ASSERT_TRUE(conv.audio.has_value());
    EXPECT_EQ(*conv.audio, "audio/" + conv.id + ".wav");
    EXPECT_EQ(conv.language, "da");
  }
}

TEST(SynthConversations, KeyFactTextsAppearVerbatimInTheTranscript) {
  static const std::set<std::string> kTypes = {"date",         "time",      "amount", "number",       "duration",
                                               "job_title",    "obligation", "agreement", "intervention", "name",
                                               "place",        "organisation", "next_meeting", "health", "cpr"};
  for (const auto& conv : corpus()) {
    EXPECT_GE(conv.key_facts.size(), 5u) << conv.id;
    EXPECT_LE(conv.key_facts.size(), 15u) << conv.id;
    for (const auto& f : conv.key_facts) {
      EXPECT_TRUE(kTypes.count(f.type)) << conv.id << " type " << f.type;
      EXPECT_FALSE(f.value.empty()) << conv.id;
      EXPECT_FALSE(f.label.empty()) << conv.id;
      ASSERT_FALSE(f.text.empty()) << conv.id;
      bool found = false;
      for (const auto& s : conv.segments) found |= s.text.find(f.text) != std::string::npos;
      EXPECT_TRUE(found) << conv.id << ": fact text not in transcript: \"" << f.text << "\" (" << f.label << ")";
    }
  }
}

TEST(SynthConversations, CanonicalFactValues) {
  const auto two_digits = [](const std::string& s, std::size_t at) {
    return std::isdigit(static_cast<unsigned char>(s[at])) && std::isdigit(static_cast<unsigned char>(s[at + 1]));
  };
  for (const auto& conv : corpus()) {
    int next_meetings = 0;
    for (const auto& f : conv.key_facts) {
      if (f.type == "date") {
        ASSERT_EQ(f.value.size(), 5u) << f.value;
        EXPECT_TRUE(two_digits(f.value, 0) && f.value[2] == '-' && two_digits(f.value, 3)) << f.value;
      } else if (f.type == "time") {
        ASSERT_EQ(f.value.size(), 5u) << f.value;
        EXPECT_TRUE(two_digits(f.value, 0) && f.value[2] == ':' && two_digits(f.value, 3)) << f.value;
      } else if (f.type == "amount" || f.type == "number") {
        EXPECT_EQ(f.value.find_first_not_of("0123456789"), std::string::npos) << f.value;
      } else if (f.type == "next_meeting") {
        ++next_meetings;
        EXPECT_EQ(f.value.size(), 11u) << f.value;  // "MM-DD HH:MM"
      }
    }
    EXPECT_EQ(next_meetings, 1) << conv.id;
  }
}

TEST(SynthConversations, AllTargetGroupsWithRealisticMix) {
  std::map<std::string, int> groups;
  std::map<std::string, std::set<std::string>> meeting_types;
  for (const auto& conv : corpus()) {
    ++groups[conv.target_group];
    meeting_types[conv.target_group].insert(conv.meeting_type);
  }
  for (const char* g : {"dagpengemodtagere", "jobparate", "aktivitetsparate", "sygemeldte", "uddannelsesparate",
                        "ressourceforløb", "integration"}) {
    EXPECT_GT(groups[g], 0) << g;
    EXPECT_GE(meeting_types[g].size(), 2u) << g;
  }
  EXPECT_EQ(groups.size(), 7u);
  EXPECT_GT(groups["dagpengemodtagere"], groups["ressourceforløb"]);
  EXPECT_GT(groups["sygemeldte"], groups["ressourceforløb"]);
  EXPECT_GT(groups["jobparate"], groups["ressourceforløb"]);
}

TEST(SynthConversations, SpeakersAndRolesAreConsistent) {
  const std::map<std::string, std::string> kRole = {
      {"SB", kRoleCaseworker}, {"B", kRoleCitizen}, {"T", kRoleInterpreter}, {"P", kRoleRelative}};
  int with_interpreter = 0, with_relative = 0;
  for (const auto& conv : corpus()) {
    std::set<std::string> speakers;
    for (const auto& s : conv.segments) {
      ASSERT_TRUE(kRole.count(s.speaker)) << conv.id << " " << s.speaker;
      EXPECT_EQ(s.role, kRole.at(s.speaker));
      speakers.insert(s.speaker);
    }
    EXPECT_TRUE(speakers.count("SB")) << conv.id;
    EXPECT_TRUE(speakers.count("B")) << conv.id;
    with_interpreter += speakers.count("T") > 0;
    with_relative += speakers.count("P") > 0;
    EXPECT_EQ(speakers.count("T") > 0, conv.attributes.count("interpreter") > 0) << conv.id;
  }
  EXPECT_GT(with_interpreter, 0);
  EXPECT_GT(with_relative, 0);
}

TEST(SynthConversations, SegmentTimesAreOrderedAndPlausible) {
  for (const auto& conv : corpus()) {
    ASSERT_FALSE(conv.segments.empty());
    double previous_end = 0.0;
    int words = 0;
    for (const auto& s : conv.segments) {
      ASSERT_TRUE(s.start && s.end) << conv.id;
      EXPECT_GE(*s.start, previous_end) << conv.id << " " << s.text;
      EXPECT_GT(*s.end, *s.start) << conv.id << " " << s.text;
      // ~2-3 words per second while speaking; allow the extremes of very short turns.
      const double rate = word_count(s.text) / (*s.end - *s.start);
      EXPECT_LT(rate, 4.0) << conv.id << " " << s.text;
      previous_end = *s.end;
      words += word_count(s.text);
    }
    EXPECT_DOUBLE_EQ(conv.timing.conversation_minutes, previous_end / 60.0) << conv.id;
    // Pauses, but not mostly silence; interpreted meetings spend about half the time in the other language.
    const double overall = words / previous_end;
    EXPECT_GT(overall, conv.attributes.count("interpreter") ? 0.6 : 1.2) << conv.id;
    EXPECT_LT(overall, 3.0) << conv.id;
  }
}

TEST(SynthConversations, TextIsValidUtf8WithoutUnfilledSlots) {
  const auto check = [](const std::string& id, const std::string& text) {
    EXPECT_TRUE(is_valid_utf8(text)) << id;
    EXPECT_EQ(text.find('{'), std::string::npos) << id << ": " << text;
    EXPECT_EQ(text.find('}'), std::string::npos) << id << ": " << text;
    EXPECT_EQ(text.find("  "), std::string::npos) << id << ": " << text;
  };
  for (const auto& conv : corpus()) {
    for (const auto& s : conv.segments) {
      check(conv.id, s.text);
      EXPECT_FALSE(s.text.empty());
    }
    for (const auto& sec : conv.reference_note.sections) check(conv.id, sec.text);
    for (const auto& f : conv.key_facts) check(conv.id, f.text);
    for (const auto& [k, v] : conv.attributes) check(conv.id, v);
    check(conv.id, conv.meeting_type);
  }
}

TEST(SynthConversations, VarietyAcrossTheCorpus) {
  std::set<std::string> first_caseworker_turns, full_texts, meeting_keys;
  std::set<std::string> citizen_names;
  for (const auto& conv : corpus()) {
    std::string full;
    bool first_found = false;
    for (const auto& s : conv.segments) {
      full += s.speaker + ": " + s.text + "\n";
      if (!first_found && s.speaker == "SB") first_caseworker_turns.insert(s.text), first_found = true;
    }
    full_texts.insert(full);
    citizen_names.insert(conv.segments.size() > 1 ? conv.segments[0].text : "");
    meeting_keys.insert(conv.target_group + "/" + conv.meeting_type);
  }
  EXPECT_EQ(full_texts.size(), corpus().size());
  EXPECT_GE(first_caseworker_turns.size(), 120u);
  EXPECT_GE(meeting_keys.size(), 18u);
  // No sentence-level template dominates: the most common segment text (ignoring short backchannels) is rare.
  std::map<std::string, int> counts;
  for (const auto& conv : corpus())
    for (const auto& s : conv.segments)
      if (word_count(s.text) >= 8) ++counts[s.text];
  int most = 0;
  for (const auto& [text, n] : counts) most = std::max(most, n);
  EXPECT_LT(most, 40);
}

TEST(SynthConversations, ConversationsHaveRealisticLength) {
  for (const auto& conv : corpus()) {
    int words = 0;
    for (const auto& s : conv.segments) words += word_count(s.text);
    EXPECT_GE(words, 300) << conv.id;
    EXPECT_LE(words, 5000) << conv.id;
    EXPECT_GE(conv.segments.size(), 25u) << conv.id;
  }
}

TEST(SynthConversations, NotesHaveRequiredSectionsInOrder) {
  for (const auto& conv : corpus()) {
    const auto& note = conv.reference_note;
    EXPECT_TRUE(note.kind == "journalnotat" || note.kind == "referat") << conv.id;
    ASSERT_EQ(note.sections.size(), 5u) << conv.id;
    EXPECT_EQ(note.sections[0].title, "Formål");
    EXPECT_EQ(note.sections[1].title, "Borgerens situation");
    const auto& goal = note.sections[2].title;
    EXPECT_TRUE(goal == "Jobmål" || goal == "Uddannelsesmål" || goal == "Mål") << goal;
    if (conv.target_group == "uddannelsesparate") {
      EXPECT_EQ(goal, "Uddannelsesmål");
    }
    EXPECT_EQ(note.sections[3].title, "Aftaler");
    EXPECT_EQ(note.sections[4].title, "Næste skridt");
    for (const auto& s : note.sections) EXPECT_FALSE(s.text.empty()) << conv.id << " " << s.title;
    EXPECT_EQ(note.sections[4].text.rfind("Næste samtale", 0), 0u) << conv.id;
  }
}

TEST(SynthConversations, NotesNeverContainTheCprNumber) {
  for (const auto& conv : corpus()) {
    for (const auto& f : conv.key_facts) {
      if (f.type != "cpr") continue;
      for (const auto& s : conv.reference_note.sections) EXPECT_EQ(s.text.find(f.value), std::string::npos) << conv.id;
    }
  }
}

TEST(SynthConversations, CprFactsAreWellFormedWithValidDates) {
  static constexpr int kDays[] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int with_cpr = 0;
  for (const auto& conv : corpus()) {
    for (const auto& f : conv.key_facts) {
      if (f.type != "cpr") continue;
      ++with_cpr;
      const std::string& v = f.value;
      ASSERT_EQ(v.size(), 11u) << v;
      EXPECT_EQ(v[6], '-') << v;
      for (std::size_t i : {0u, 1u, 2u, 3u, 4u, 5u, 7u, 8u, 9u, 10u}) EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(v[i]))) << v;
      const int day = std::stoi(v.substr(0, 2));
      const int month = std::stoi(v.substr(2, 2));
      const int year = std::stoi(v.substr(4, 2));
      ASSERT_GE(month, 1) << v;
      ASSERT_LE(month, 12) << v;
      EXPECT_GE(day, 1) << v;
      const bool leap = year % 4 == 0;  // two-digit years: 00 is 2000, a leap year
      EXPECT_LE(day, month == 2 && !leap ? 28 : kDays[month]) << v;
      // The spoken form carries the same digits.
      std::string digits;
      for (char c : f.text)
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
      EXPECT_EQ(digits, v.substr(0, 6) + v.substr(7)) << f.text;
    }
  }
  // About 10 % of conversations; 200 draws make 5..40 safe.
  EXPECT_GE(with_cpr, 5);
  EXPECT_LE(with_cpr, 40);
}

TEST(SynthConversations, TimingWithinStatedBounds) {
  int baseline = 0, assisted = 0, ai_used = 0, after_hours = 0;
  for (const auto& conv : corpus()) {
    const auto& t = conv.timing;
    EXPECT_GT(t.conversation_minutes, 1.0) << conv.id;
    EXPECT_LT(t.conversation_minutes, 60.0) << conv.id;
    ASSERT_TRUE(t.after_hours_minutes.has_value());
    EXPECT_GE(*t.after_hours_minutes, 0.0);
    after_hours += *t.after_hours_minutes > 0;
    if (t.period == "baseline") {
      ++baseline;
      ASSERT_TRUE(t.documentation_minutes_manual.has_value()) << conv.id;
      EXPECT_GE(*t.documentation_minutes_manual, 8.0);
      EXPECT_LE(*t.documentation_minutes_manual, 45.0);
      EXPECT_FALSE(t.documentation_minutes_assisted.has_value());
      EXPECT_FALSE(t.ai_used.has_value());
    } else {
      ASSERT_EQ(t.period, "assisted") << conv.id;
      ++assisted;
      ASSERT_TRUE(t.ai_used.has_value()) << conv.id;
      if (*t.ai_used) {
        ++ai_used;
        ASSERT_TRUE(t.documentation_minutes_assisted.has_value()) << conv.id;
        EXPECT_GE(*t.documentation_minutes_assisted, 3.0);
        EXPECT_LE(*t.documentation_minutes_assisted, 16.0);
      } else {
        ASSERT_TRUE(t.documentation_minutes_manual.has_value()) << conv.id;
        EXPECT_GE(*t.documentation_minutes_manual, 8.0);
      }
    }
  }
  EXPECT_EQ(baseline, 100);
  EXPECT_EQ(assisted, 100);
  EXPECT_GT(ai_used, 60);
  EXPECT_LT(ai_used, 95);
  EXPECT_GT(after_hours, 10);
}

TEST(SynthConversations, AttributesAreWellFormed) {
  static const std::set<std::string> kBands = {"18-24", "25-29", "30-39", "40-49", "50-59", "60+"};
  int integration = 0, integration_l2 = 0, others = 0, others_l2 = 0;
  std::set<std::string> languages;
  for (const auto& conv : corpus()) {
    const auto& a = conv.attributes;
    ASSERT_TRUE(a.count("age_band") && a.count("gender") && a.count("danish") && a.count("first_language")) << conv.id;
    EXPECT_TRUE(kBands.count(a.at("age_band"))) << a.at("age_band");
    EXPECT_TRUE(a.at("gender") == "kvinde" || a.at("gender") == "mand");
    const bool l2 = a.at("danish") == "second-language";
    EXPECT_TRUE(l2 || a.at("danish") == "first-language");
    EXPECT_EQ(l2, a.at("first_language") != "da") << conv.id;
    EXPECT_EQ(a.at("first_language").size(), 2u);
    languages.insert(a.at("first_language"));
    if (conv.target_group == "uddannelsesparate") {
      EXPECT_TRUE(a.at("age_band") == "18-24" || a.at("age_band") == "25-29");
    }
    if (conv.target_group == "integration") {
      ++integration;
      integration_l2 += l2;
    } else {
      ++others;
      others_l2 += l2;
    }
  }
  EXPECT_GT(integration_l2 * 10, integration * 8);  // mostly second-language
  EXPECT_LT(others_l2 * 100, others * 25);          // ~10-15 %, leave room for sampling
  EXPECT_GT(others_l2, 0);
  EXPECT_GE(languages.size(), 6u);
}

TEST(SynthConversations, SingleConversationMatchesCorpusEntry) {
  EXPECT_EQ(synthesize_conversation(1, 17), corpus()[17]);
}

}  // namespace
}  // namespace pb
