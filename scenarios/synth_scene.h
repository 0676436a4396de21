#pragma once
// Internal to the conversation synthesiser: the persona a conversation is about and the Scene that turns
// dialogue lines into timed segments, key facts and case-note lines. Not part of the public API.
#include <array>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/rng.h"
#include "harness/dataset.h"
#include "scenarios/danish_phrases.h"

namespace pb::synth {

enum class Group { Dagpenge, Jobparate, Aktivitetsparate, Sygemeldte, Uddannelsesparate, Ressourceforloeb, Integration };

// What happens in a meeting, in order. Each value is one topic block in synth_blocks.cpp.
enum class Block {
  Greeting,
  Parties,
  Consent,
  Purpose,
  WorkHistory,
  Akasse,
  Education,
  Language,
  Health,
  Employer,
  Economy,
  Cpr,
  StatusSearch,
  Goal,
  CvJoblog,
  Obligations,
  Interventions,
  Barriers,
  Summary,
  NextMeeting,
  Closing,
  Strengths,
  Network,
  Digital,
  JobOffer,
  PastEfforts,
  Statements,
  WorkTasks,
  Expectations,
  Rules,
  DailyLife,
};

struct Persona {
  Group group = Group::Dagpenge;
  std::string group_key;
  std::string meeting_type;
  bool first_meeting = false;
  std::string mode = "fysisk";  // how today's meeting is held: fysisk, telefonisk, video

  // Citizen.
  std::string first, last;
  bool female = false;
  int age = 30;
  std::string age_band;
  std::string language = "da";
  bool second_language = false;
  bool interpreter = false;
  std::string interpreter_name;
  bool relative = false;
  std::string relative_name;
  bool relative_female = false;
  std::string relative_relation;  // as the citizen says it: "min mand", "min mor", "min bisidder"
  std::string relative_note;      // as the note says it: "ægtefælle", "mor", "bisidder"
  std::string country;
  int years_in_denmark = 0;
  int children = 0;
  bool has_car = false;

  // Caseworker.
  std::string cw_first, cw_last;

  // Place and work.
  std::string centre, home_town;
  std::vector<std::string> nearby;
  const Sector* sector = nullptr;
  std::string prev_job, employer, goal_job, alt_job;
  int years_employed = 0;
  const HealthCondition* health = nullptr;
  const EducationGoal* education = nullptr;

  int meeting_doy = 100;  // today, in 2026
  bool assisted = false;
  bool ai_used = false;
  bool declines_recording = false;
  bool says_cpr = false;
};

enum Section { kFormaal = 0, kSituation, kMaal, kAftaler, kNaeste, kSectionCount };

enum class Who { SB, B, T, P };

// Accumulates one conversation. Lines are templates with {placeholders} filled from `vars`; decoration
// (fillers, hesitations, tags) is applied to the template before filling so that the slot values — which
// key facts point at — always reach the transcript verbatim.
class Scene {
 public:
  Scene(Rng& rng, Persona& persona);

  Rng& rng;
  Persona& p;
  std::map<std::string, std::string> vars;

  // Picks one alternative, decorates it for the speaker, fills it and appends it as a timed segment.
  void say(Who who, std::initializer_list<std::string_view> alternatives);
  // Like say(), and with probability p_tail appends one of `tails`: people elaborate, and an answer plus an
  // aside is how most real turns look.
  void say(Who who, std::initializer_list<std::string_view> alternatives, std::initializer_list<std::string_view> tails,
           double p_tail);
  // Like say(), returning which alternative was spoken, for blocks whose note depends on the answer.
  std::size_t say_pick(Who who, std::initializer_list<std::string_view> alternatives);
  // Like say() but never decorated; for fixed formulas such as the interpreter's introduction.
  void say_plain(Who who, std::string_view text);
  // Short listener signal: "Mm.", "Ja.", "Okay."
  void backchannel(Who who);
  // A longer silence, e.g. while the caseworker types or looks something up.
  void pause(double lo, double hi);

  bool chance(double probability) { return rng.bernoulli(probability); }
  std::string one(std::initializer_list<std::string_view> alternatives);
  std::string fill(std::string_view text) const;

  void fact(std::string type, std::string value, std::string text, std::string label);
  void note(Section section, std::string text);

  // Agreements as the caseworker said them, for the closing summary ("du søger mindst to stillinger om ugen").
  std::vector<std::string> agreed;

  std::vector<Segment> segments;
  std::vector<KeyFact> facts;
  std::array<std::vector<std::string>, kSectionCount> notes;

 private:
  std::string decorate(Who who, std::string text);
  void emit(Who who, const std::string& text);
  void emit_segment(Who who, const std::string& text);
  std::string take_unused(const std::vector<std::string_view>& pool, std::vector<bool>& used);
  double clock_ = 0.0;
  Who last_ = Who::SB;
  std::vector<bool> used_lead_ins_, used_tails_;
};

// Topic blocks (synth_blocks.cpp).
void run_block(Scene& scene, Block block);

}  // namespace pb::synth
