#include "scenarios/synth_conversations.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/rng.h"
#include "scenarios/danish_phrases.h"
#include "scenarios/synth_scene.h"

namespace pb {
namespace {

using synth::Block;
using synth::Group;
using synth::Persona;

struct GroupSpec {
  Group group;
  const char* key;
  double weight;  // share of conversations; mirrors a job centre's caseload rather than an even split
};
constexpr GroupSpec kGroups[] = {
    {Group::Dagpenge, "dagpengemodtagere", 24},   {Group::Jobparate, "jobparate", 17},
    {Group::Aktivitetsparate, "aktivitetsparate", 14}, {Group::Sygemeldte, "sygemeldte", 20},
    {Group::Uddannelsesparate, "uddannelsesparate", 10}, {Group::Ressourceforloeb, "ressourceforløb", 5},
    {Group::Integration, "integration", 10},
};

struct MeetingSpec {
  Group group;
  const char* name;
  bool first;
  double weight;
};
constexpr MeetingSpec kMeetings[] = {
    {Group::Dagpenge, "første samtale", true, 4},
    {Group::Dagpenge, "jobsamtale", false, 4},
    {Group::Dagpenge, "CV-samtale", false, 1.5},
    {Group::Jobparate, "første samtale", true, 3},
    {Group::Jobparate, "jobsamtale", false, 3},
    {Group::Jobparate, "opfølgningssamtale", false, 2},
    {Group::Aktivitetsparate, "14-dagessamtale", true, 3},
    {Group::Aktivitetsparate, "opfølgningssamtale", false, 3},
    {Group::Aktivitetsparate, "rundbordssamtale", false, 1.5},
    {Group::Sygemeldte, "første samtale sygedagpenge", true, 3},
    {Group::Sygemeldte, "opfølgningssamtale sygedagpenge", false, 3},
    {Group::Sygemeldte, "samtale om delvis raskmelding", false, 2},
    {Group::Uddannelsesparate, "første samtale", true, 2},
    {Group::Uddannelsesparate, "uddannelsessamtale", false, 3},
    {Group::Uddannelsesparate, "opfølgningssamtale", false, 2},
    {Group::Ressourceforloeb, "rundbordssamtale", false, 2},
    {Group::Ressourceforloeb, "opfølgningssamtale ressourceforløb", false, 3},
    {Group::Ressourceforloeb, "samtale om arbejdsprøvning", false, 2},
    {Group::Integration, "integrationssamtale", true, 3},
    {Group::Integration, "opfølgningssamtale", false, 2},
    {Group::Integration, "samtale om virksomhedspraktik", false, 2},
};

std::string age_band(int age) {
  if (age < 25) return "18-24";
  if (age < 30) return "25-29";
  if (age < 40) return "30-39";
  if (age < 50) return "40-49";
  if (age < 60) return "50-59";
  return "60+";
}

int uniform(Rng& rng, int lo, int hi) { return static_cast<int>(rng.uniform_int(lo, hi)); }

const synth::Sector& sector_by_key(std::string_view key) {
  for (const auto& s : synth::sectors())
    if (s.key == key) return s;
  return synth::sectors()[0];
}

// A fictitious CPR number with a real calendar date consistent with the citizen's age.
std::pair<std::string, std::string> make_cpr(Rng& rng, int age) {
  const int year = 2026 - age - uniform(rng, 0, 1);
  const int month = uniform(rng, 1, 12);
  const int day = uniform(rng, 1, synth::days_in_month(month));
  const int serial = uniform(rng, 1000, 9999);
  char value[16];
  std::snprintf(value, sizeof value, "%02d%02d%02d-%04d", day, month, year % 100, serial);
  const std::string v(value);
  std::string spoken = v;
  switch (rng.index(4)) {
    case 0:
      spoken = v.substr(0, 2) + " " + v.substr(2, 2) + " " + v.substr(4, 2) + " " + v.substr(7, 2) + " " + v.substr(9, 2);
      break;
    case 1:
      spoken = v.substr(0, 6) + " " + v.substr(7);
      break;
    default:
      break;
  }
  return {v, spoken};
}

Persona make_persona(Rng& rng, int index, std::map<std::string, std::string>& vars) {
  Persona p;
  std::vector<double> weights;
  for (const auto& g : kGroups) weights.push_back(g.weight);
  const auto& gs = kGroups[rng.weighted_index(weights)];
  p.group = gs.group;
  p.group_key = gs.key;

  std::vector<const MeetingSpec*> meetings;
  weights.clear();
  for (const auto& m : kMeetings)
    if (m.group == p.group) meetings.push_back(&m), weights.push_back(m.weight);
  const MeetingSpec& ms = *meetings[rng.weighted_index(weights)];
  p.meeting_type = ms.name;
  p.first_meeting = ms.first;

  // Age ranges follow who the groups are: young people for education, older for sickness and complex cases.
  switch (p.group) {
    case Group::Uddannelsesparate: p.age = uniform(rng, 18, 29); break;
    case Group::Sygemeldte: p.age = uniform(rng, 24, 64); break;
    case Group::Ressourceforloeb: p.age = uniform(rng, 26, 62); break;
    case Group::Integration: p.age = uniform(rng, 20, 56); break;
    case Group::Jobparate: p.age = uniform(rng, 20, 62); break;
    case Group::Aktivitetsparate: p.age = uniform(rng, 20, 62); break;
    case Group::Dagpenge: p.age = uniform(rng, 23, 66); break;
  }
  p.age_band = age_band(p.age);
  p.female = rng.bernoulli(p.group == Group::Sygemeldte ? 0.58 : 0.5);

  // Language: most integration citizens speak Danish as a second language; in other groups ~12 %.
  if (p.group == Group::Integration) {
    p.second_language = rng.bernoulli(0.94);
    if (p.second_language) {
      static constexpr const char* kLangs[] = {"ar", "ti", "uk", "fa", "so", "tr", "en"};
      p.language = kLangs[rng.weighted_index({28, 15, 22, 13, 12, 5, 2})];
    }
  } else {
    p.second_language = rng.bernoulli(0.12);
    if (p.second_language) {
      static constexpr const char* kLangs[] = {"pl", "tr", "ro", "ar", "lt", "de", "en", "uk", "so", "fa"};
      p.language = kLangs[rng.weighted_index({16, 14, 10, 16, 8, 6, 6, 10, 8, 6})];
    }
  }
  const auto& names = synth::names_for(p.language);
  p.first = synth::pick_alt(rng, p.female ? names.female : names.male);
  p.last = synth::pick_alt(rng, p.second_language && rng.bernoulli(0.15) ? synth::names_for("da").surnames : names.surnames);
  if (p.second_language) {
    p.country = synth::pick_alt(rng, names.countries);
    p.years_in_denmark = p.group == Group::Integration ? uniform(rng, 1, 6) : uniform(rng, 3, 25);
  }
  p.interpreter = p.second_language && rng.bernoulli(p.group == Group::Integration ? 0.45 : 0.1);
  if (!p.interpreter) {
    double pr = 0.04;
    if (p.group == Group::Aktivitetsparate) pr = 0.2;
    if (p.group == Group::Sygemeldte) pr = 0.12;
    if (p.group == Group::Ressourceforloeb) pr = 0.35;
    if (p.group == Group::Uddannelsesparate) pr = 0.2;
    p.relative = rng.bernoulli(pr);
  }
  if (p.interpreter) p.interpreter_name = synth::pick_alt(rng, rng.bernoulli(0.5) ? names.female : names.male);
  if (p.relative) {
    struct Rel {
      const char* says;
      const char* note;
      int female;  // 1 female, 0 male, -1 opposite of the citizen
    };
    static constexpr Rel kYoung[] = {{"min mor", "mor", 1}, {"min far", "far", 0}, {"min storesøster", "søster", 1}};
    static constexpr Rel kAdult[] = {{"min partner", "partner", -1}, {"min søster", "søster", 1}, {"min bror", "bror", 0},
                                     {"min veninde", "veninde", 1},  {"min bisidder", "bisidder", 1}, {"min ven", "ven", 0}};
    const Rel& r = p.group == Group::Uddannelsesparate ? kYoung[rng.index(3)] : kAdult[rng.index(6)];
    p.relative_relation = r.says;
    p.relative_note = r.note;
    p.relative_female = r.female == -1 ? !p.female : r.female == 1;
    const auto& rn = rng.bernoulli(0.8) ? names : synth::names_for("da");
    p.relative_name = synth::pick_alt(rng, p.relative_female ? rn.female : rn.male);
  }
  p.children = p.age < 24 ? (rng.bernoulli(0.1) ? 1 : 0) : uniform(rng, 0, p.age < 50 ? 3 : 1);
  p.has_car = rng.bernoulli(p.group == Group::Integration || p.group == Group::Uddannelsesparate ? 0.25 : 0.6);

  // Caseworker: mostly Danish names, some with immigrant background, as in real job centres.
  const auto& cw_names = rng.bernoulli(0.88) ? synth::names_for("da") : synth::names_for(rng.bernoulli(0.5) ? "ar" : "tr");
  const bool cw_female = rng.bernoulli(0.7);
  p.cw_first = synth::pick_alt(rng, cw_female ? cw_names.female : cw_names.male);
  p.cw_last = synth::pick_alt(rng, cw_names.surnames);

  const auto& region = synth::regions()[rng.index(synth::regions().size())];
  p.centre = std::string(region.centre);
  auto [n1, n2] = synth::pick_two(rng, region.nearby);
  p.nearby = {n1, n2};
  p.home_town = rng.bernoulli(0.5) ? p.centre : synth::pick_alt(rng, region.nearby);
  if (p.home_town == n1) std::swap(p.nearby[0], p.nearby[1]);

  const auto all_sectors = synth::sectors();
  const synth::Sector* sector = &all_sectors[rng.index(all_sectors.size())];
  if (p.group == Group::Uddannelsesparate) {
    static constexpr const char* kYouth[] = {"detail", "restauration", "lager", "rengøring", "produktion"};
    sector = &sector_by_key(kYouth[rng.index(5)]);
  }
  p.sector = sector;
  p.prev_job = synth::pick_alt(rng, sector->jobs);
  p.employer = synth::pick_alt(rng, synth::firm_stems()) + " " + synth::pick_alt(rng, sector->firm_suffixes) +
               (rng.bernoulli(0.2) ? (rng.bernoulli(0.5) ? " A/S" : " ApS") : "");
  p.years_employed = std::max(1, std::min(p.age - 18, uniform(rng, 1, 18)));
  const double r = rng.uniform01();
  if (p.group == Group::Integration && r < 0.6) {
    // Refugees often restart in entry-level trades regardless of what they did before.
    static constexpr const char* kEntry[] = {"rengøring", "lager", "restauration", "pleje", "produktion"};
    p.sector = &sector_by_key(kEntry[rng.index(5)]);
    p.goal_job = synth::pick_alt(rng, p.sector->jobs);
  } else if (r < 0.65) {
    p.goal_job = p.prev_job;
  } else if (r < 0.85) {
    p.goal_job = synth::pick_two(rng, sector->jobs).second;
  } else {
    p.sector = &all_sectors[rng.index(all_sectors.size())];
    p.goal_job = synth::pick_alt(rng, p.sector->jobs);
  }
  p.alt_job = synth::pick_alt(rng, p.sector->jobs);
  if (p.alt_job == p.goal_job) p.alt_job = synth::pick_two(rng, p.sector->jobs).second;
  if (p.alt_job == p.goal_job) p.alt_job = p.prev_job;

  const auto conditions = synth::health_conditions();
  if (p.group == Group::Sygemeldte || p.group == Group::Aktivitetsparate || p.group == Group::Ressourceforloeb) {
    p.health = &conditions[rng.index(conditions.size())];
    // Mental health dominates among citizens further from the labour market.
    if (p.group != Group::Sygemeldte && !p.health->mental && rng.bernoulli(0.5)) p.health = &conditions[rng.index(conditions.size())];
  }
  if (p.group == Group::Uddannelsesparate) {
    const auto goals = synth::education_goals();
    p.education = &goals[rng.index(goals.size())];
  }

  // Every other conversation falls in the assisted period (see report: period cannot depend on count).
  p.assisted = index % 2 == 1;
  p.meeting_doy = p.assisted ? uniform(rng, 214, 300) : uniform(rng, 32, 170);
  p.meeting_doy = synth::next_weekday_doy(p.meeting_doy);
  p.ai_used = p.assisted && rng.bernoulli(0.8);
  p.declines_recording = p.assisted && !p.ai_used && rng.bernoulli(0.5);
  p.says_cpr = rng.bernoulli(0.1);

  if (p.first_meeting || p.interpreter) {
    p.mode = p.interpreter && rng.bernoulli(0.2) ? "video" : "fysisk";
  } else {
    p.mode = synth::pick_alt(rng, "fysisk|fysisk|fysisk|fysisk|fysisk|fysisk|telefonisk|telefonisk|telefonisk|video");
  }

  vars["navn"] = p.first;
  vars["efternavn"] = p.last;
  vars["cw"] = p.cw_first;
  vars["cwlast"] = p.cw_last;
  vars["by"] = p.centre;
  vars["hjemby"] = p.home_town;
  vars["nabo1"] = p.nearby[0];
  vars["nabo2"] = p.nearby[1];
  vars["job"] = p.prev_job;
  vars["firma"] = p.employer;
  vars["maal"] = p.goal_job;
  vars["maal2"] = p.alt_job;
  vars["han"] = p.female ? "hun" : "han";
  vars["Han"] = p.female ? "Hun" : "Han";
  vars["ham"] = p.female ? "hende" : "ham";
  vars["sprog"] = std::string(synth::names_for(p.language).danish_name);
  vars["land"] = p.country.empty() ? "Danmark" : p.country;
  vars["tolk"] = p.interpreter_name;
  vars["tpron"] = rng.bernoulli(0.5) ? "vedkommende" : "tolken";
  vars["pnavn"] = p.relative_name;
  vars["relation"] = p.relative_relation;
  vars["ppron"] = p.relative_female ? "hun" : "han";
  vars["Ppron"] = p.relative_female ? "Hun" : "Han";
  vars["opgaver"] = synth::pick_alt(rng, sector->tasks);  // what the citizen did, i.e. the previous job's trade
  if (p.says_cpr) {
    auto [value, spoken] = make_cpr(rng, p.age);
    vars["cpr_value"] = value;
    vars["cpr"] = spoken;
  }
  return p;
}

// Which topics a meeting covers, in order. Middle blocks are partly shuffled or skipped so that two
// meetings of the same type do not run through an identical agenda.
std::vector<Block> plan(const Persona& p, Rng& rng) {
  std::vector<Block> b = {Block::Greeting};
  if (p.interpreter || p.relative) b.push_back(Block::Parties);
  b.push_back(Block::Consent);
  b.push_back(Block::Purpose);
  const auto maybe = [&](Block block, double pr) {
    if (rng.bernoulli(pr)) b.push_back(block);
  };
  const auto cpr_here = [&] {
    if (p.says_cpr) b.push_back(Block::Cpr);
  };
  const auto either = [&](Block x, Block y) {
    if (rng.bernoulli(0.5)) std::swap(x, y);
    b.push_back(x);
    b.push_back(y);
  };
  if (p.first_meeting && p.group != Group::Sygemeldte) maybe(Block::Rules, 0.7);
  const std::string& m = p.meeting_type;
  switch (p.group) {
    case Group::Dagpenge:
      if (m == "første samtale") {
        maybe(Block::Expectations, 0.5);
        cpr_here();
        b.insert(b.end(), {Block::WorkHistory, Block::Akasse, Block::Strengths});
        maybe(Block::Network, 0.7);
        either(Block::Goal, Block::CvJoblog);
        maybe(Block::Digital, 0.4);
        either(Block::Obligations, Block::Barriers);
        b.push_back(Block::Interventions);
        maybe(Block::JobOffer, 0.6);
      } else if (m == "jobsamtale") {
        cpr_here();
        b.insert(b.end(), {Block::StatusSearch, Block::Goal});
        maybe(Block::Network, 0.5);
        maybe(Block::JobOffer, 0.7);
        either(Block::Interventions, Block::Obligations);
        maybe(Block::Barriers, 0.5);
      } else {
        cpr_here();
        maybe(Block::StatusSearch, 0.6);
        b.insert(b.end(), {Block::CvJoblog, Block::Strengths, Block::Goal});
        maybe(Block::Digital, 0.5);
        maybe(Block::JobOffer, 0.5);
        b.push_back(Block::Obligations);
        maybe(Block::Interventions, 0.5);
      }
      break;
    case Group::Jobparate:
      if (m == "første samtale") {
        maybe(Block::Expectations, 0.6);
        cpr_here();
        b.insert(b.end(), {Block::WorkHistory, Block::Economy, Block::Strengths});
        maybe(Block::Network, 0.5);
        either(Block::Goal, Block::CvJoblog);
        maybe(Block::Digital, 0.5);
        either(Block::Obligations, Block::Interventions);
        maybe(Block::JobOffer, 0.5);
        b.push_back(Block::Barriers);
      } else if (m == "jobsamtale") {
        cpr_here();
        b.insert(b.end(), {Block::StatusSearch, Block::Goal});
        maybe(Block::Network, 0.5);
        maybe(Block::JobOffer, 0.7);
        b.insert(b.end(), {Block::Interventions, Block::Obligations});
        maybe(Block::Economy, 0.4);
      } else {
        cpr_here();
        b.insert(b.end(), {Block::StatusSearch, Block::Goal});
        maybe(Block::Digital, 0.3);
        maybe(Block::JobOffer, 0.6);
        either(Block::Interventions, Block::Barriers);
        b.push_back(Block::Obligations);
      }
      break;
    case Group::Aktivitetsparate:
      cpr_here();
      if (m == "14-dagessamtale") {
        maybe(Block::Expectations, 0.6);
        maybe(Block::WorkHistory, 0.6);
        b.insert(b.end(), {Block::Health, Block::DailyLife, Block::PastEfforts});
        maybe(Block::Network, 0.6);
        either(Block::Economy, Block::Barriers);
        maybe(Block::Strengths, 0.5);
        b.insert(b.end(), {Block::Goal, Block::Interventions, Block::Obligations});
      } else if (m == "opfølgningssamtale") {
        b.push_back(Block::Health);
        maybe(Block::DailyLife, 0.5);
        maybe(Block::Statements, 0.5);
        maybe(Block::Network, 0.5);
        either(Block::Interventions, Block::Goal);
        maybe(Block::Barriers, 0.6);
      } else {
        b.insert(b.end(), {Block::Statements, Block::Health});
        maybe(Block::PastEfforts, 0.6);
        b.insert(b.end(), {Block::Economy, Block::Goal, Block::Interventions});
        maybe(Block::Barriers, 0.7);
      }
      break;
    case Group::Sygemeldte:
      cpr_here();
      if (p.first_meeting) maybe(Block::Expectations, 0.6);
      b.insert(b.end(), {Block::Health, Block::WorkTasks, Block::Employer});
      maybe(Block::DailyLife, 0.3);
      if (m == "opfølgningssamtale sygedagpenge") {
        either(Block::Interventions, Block::Goal);
        maybe(Block::Obligations, 0.4);
      } else {
        b.insert(b.end(), {Block::Goal, Block::Interventions, Block::Obligations});
      }
      break;
    case Group::Uddannelsesparate:
      cpr_here();
      b.push_back(Block::Education);
      if (m == "første samtale") {
        maybe(Block::WorkHistory, 0.5);
        maybe(Block::Network, 0.6);
        maybe(Block::Strengths, 0.6);
        b.push_back(Block::Goal);
        maybe(Block::Digital, 0.4);
        either(Block::Barriers, Block::Interventions);
        b.push_back(Block::Obligations);
      } else if (m == "uddannelsessamtale") {
        maybe(Block::Strengths, 0.6);
        b.insert(b.end(), {Block::Goal, Block::Interventions});
        maybe(Block::Economy, 0.4);
        b.push_back(Block::Obligations);
      } else {
        maybe(Block::PastEfforts, 0.5);
        maybe(Block::Network, 0.5);
        either(Block::Interventions, Block::Goal);
        maybe(Block::Barriers, 0.6);
      }
      break;
    case Group::Ressourceforloeb:
      cpr_here();
      if (m != "samtale om arbejdsprøvning") b.push_back(Block::Statements);
      b.push_back(Block::Health);
      maybe(Block::DailyLife, 0.6);
      maybe(Block::PastEfforts, 0.7);
      maybe(Block::Network, 0.5);
      if (m == "rundbordssamtale") {
        b.insert(b.end(), {Block::Economy, Block::Goal, Block::Interventions, Block::Barriers});
      } else if (m == "samtale om arbejdsprøvning") {
        maybe(Block::Strengths, 0.6);
        b.insert(b.end(), {Block::Goal, Block::Interventions, Block::Obligations});
      } else {
        either(Block::Interventions, Block::Goal);
        maybe(Block::Barriers, 0.6);
      }
      break;
    case Group::Integration:
      cpr_here();
      b.push_back(Block::Language);
      if (m == "integrationssamtale") {
        b.push_back(Block::WorkHistory);
        maybe(Block::Strengths, 0.5);
        maybe(Block::Network, 0.5);
        maybe(Block::Economy, 0.5);
        maybe(Block::Digital, 0.5);
        b.insert(b.end(), {Block::Goal, Block::Interventions, Block::Obligations});
        maybe(Block::Barriers, 0.7);
      } else if (m == "opfølgningssamtale") {
        maybe(Block::StatusSearch, 0.4);
        maybe(Block::Network, 0.5);
        either(Block::Interventions, Block::Goal);
        maybe(Block::JobOffer, 0.4);
        maybe(Block::Barriers, 0.5);
      } else {
        maybe(Block::Strengths, 0.5);
        b.insert(b.end(), {Block::Interventions, Block::Goal, Block::Obligations});
        maybe(Block::Digital, 0.4);
      }
      break;
  }
  maybe(Block::Summary, 0.75);
  b.insert(b.end(), {Block::NextMeeting, Block::Closing});
  return b;
}

std::string join(const std::vector<std::string>& lines, std::string_view sep) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += sep;
    out += l;
  }
  return out;
}

CaseNote build_note(const synth::Scene& s, Rng& rng) {
  CaseNote note;
  note.kind = rng.bernoulli(0.15) ? "referat" : "journalnotat";
  const auto& n = s.notes;
  std::string goal_title = "Jobmål";
  if (s.p.group == Group::Uddannelsesparate) goal_title = "Uddannelsesmål";
  if (s.p.group == Group::Aktivitetsparate || s.p.group == Group::Ressourceforloeb || s.p.group == Group::Sygemeldte) goal_title = "Mål";
  std::vector<std::string> agreements;
  for (const auto& a : n[synth::kAftaler]) agreements.push_back("- " + a);
  note.sections = {
      {"Formål", join(n[synth::kFormaal], " ")},
      {"Borgerens situation", join(n[synth::kSituation], " ")},
      {goal_title, n[synth::kMaal].empty() ? "Ikke drøftet ved denne samtale." : join(n[synth::kMaal], " ")},
      {"Aftaler", agreements.empty() ? "Ingen nye aftaler." : join(agreements, "\n")},
      {"Næste skridt", join(n[synth::kNaeste], " ")},
  };
  return note;
}

int fact_priority(const std::string& type) {
  if (type == "cpr" || type == "next_meeting") return 0;
  if (type == "date" || type == "time" || type == "amount" || type == "number" || type == "obligation") return 1;
  if (type == "intervention" || type == "agreement" || type == "job_title" || type == "health") return 2;
  return 3;
}

// Keeps at most 15 facts, preferring those whose errors change a decision (dates, amounts, obligations),
// in transcript order.
std::vector<KeyFact> select_facts(const std::vector<KeyFact>& all) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < all.size(); ++i) {
    bool duplicate = false;
    for (std::size_t j : idx)
      duplicate |= all[j].type == all[i].type && all[j].value == all[i].value && all[j].label == all[i].label;
    if (!duplicate) idx.push_back(i);
  }
  std::stable_sort(idx.begin(), idx.end(),
                   [&](std::size_t a, std::size_t b) { return fact_priority(all[a].type) < fact_priority(all[b].type); });
  if (idx.size() > 15) idx.resize(15);
  std::sort(idx.begin(), idx.end());
  std::vector<KeyFact> out;
  for (std::size_t i : idx) out.push_back(all[i]);
  return out;
}

double round1(double x) { return std::round(x * 10.0) / 10.0; }

TimingRecord make_timing(const Persona& p, double conversation_seconds, Rng& rng) {
  TimingRecord t;
  t.conversation_minutes = conversation_seconds / 60.0;
  t.period = p.assisted ? "assisted" : "baseline";
  double median = 14.0;
  switch (p.group) {
    case Group::Dagpenge: median = 14; break;
    case Group::Jobparate: median = 15; break;
    case Group::Aktivitetsparate: median = 21; break;
    case Group::Sygemeldte: median = 22; break;
    case Group::Uddannelsesparate: median = 16; break;
    case Group::Ressourceforloeb: median = 27; break;
    case Group::Integration: median = 20; break;
  }
  if (p.first_meeting) median += 3;
  const double manual = std::clamp(round1(median * std::exp(rng.normal(0.0, 0.3))), 8.0, 45.0);
  const double review_median = median > 18 ? 8.5 : 6.5;
  const double assisted = std::clamp(round1(review_median * std::exp(rng.normal(0.0, 0.35))), 3.0, 16.0);
  if (!p.assisted) {
    t.documentation_minutes_manual = manual;
  } else {
    t.ai_used = p.ai_used;
    if (p.ai_used)
      t.documentation_minutes_assisted = assisted;
    else
      t.documentation_minutes_manual = manual;
  }
  const bool late = rng.bernoulli(p.assisted && p.ai_used ? 0.12 : 0.3);
  t.after_hours_minutes = late ? std::round(uniform(rng, 6, 60)) / 2.0 : 0.0;
  return t;
}

}  // namespace

Conversation synthesize_conversation(std::uint64_t seed, int index) {
  char id[32];
  std::snprintf(id, sizeof id, "conv-%04d", index + 1);
  Rng rng(derive_seed(seed, std::string("conversation/") + id));
  Conversation c;
  c.id = id;
  c.audio = std::string("audio/") + id + ".wav";
  c.language = "da";

  std::map<std::string, std::string> vars;
  Persona p = make_persona(rng, index, vars);
  synth::Scene scene(rng, p);
  scene.vars = std::move(vars);
  for (Block block : plan(p, rng)) synth::run_block(scene, block);

  c.target_group = p.group_key;
  c.meeting_type = p.meeting_type;
  c.attributes["age_band"] = p.age_band;
  c.attributes["gender"] = p.female ? "kvinde" : "mand";
  c.attributes["danish"] = p.second_language ? "second-language" : "first-language";
  c.attributes["first_language"] = p.language;
  if (p.interpreter) c.attributes["interpreter"] = "yes";
  c.segments = std::move(scene.segments);
  // Notes and timings draw from their own streams so that tuning one does not reshuffle the other.
  Rng note_rng(derive_seed(seed, std::string("note/") + id));
  c.reference_note = build_note(scene, note_rng);
  c.key_facts = select_facts(scene.facts);
  Rng timing_rng(derive_seed(seed, std::string("timing/") + id));
  c.timing = make_timing(p, c.segments.empty() ? 0.0 : *c.segments.back().end, timing_rng);
  return c;
}

std::vector<Conversation> synthesize_conversations(const ConversationSynthOptions& options) {
  std::vector<Conversation> out;
  if (options.count <= 0) return out;
  out.reserve(static_cast<std::size_t>(options.count));
  for (int i = 0; i < options.count; ++i) out.push_back(synthesize_conversation(options.seed, i));
  return out;
}

}  // namespace pb
