#pragma once
// Slot data and spoken-Danish renderings for the synthetic conversation corpus.
// Tables are constant "a|b|c" strings: compact to author, cheap to keep as constexpr data, and easy for a
// Danish reader to review in one place. Renderings take an Rng because real transcripts mix spoken forms
// ("den fjortende marts", "14. marts", "halv elleve", "kl. 10.30") and the corpus must too.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/rng.h"

namespace pb::synth {

// ---- picking from tables -------------------------------------------------------------------------------
std::vector<std::string_view> split_alternatives(std::string_view alternatives);
std::string pick_alt(Rng& rng, std::string_view alternatives);
// Two distinct alternatives (the second differs from the first when the table has more than one entry).
std::pair<std::string, std::string> pick_two(Rng& rng, std::string_view alternatives);

// ---- numbers ---------------------------------------------------------------------------------------------
// Danish cardinal in words, 0..999999 ("enogtyve", "fire tusind fem hundrede"); neuter gives "et".
std::string cardinal(int n, bool neuter = false);
// Danish ordinal in words, 1..31 ("fjortende").
std::string ordinal(int n);
// Thousands separated by '.', as Danish writes amounts: 4500 -> "4.500".
std::string grouped_digits(int n);
// A small count the way transcribers write it: usually words under 13, sometimes digits.
std::string spoken_count(Rng& rng, int n, bool neuter = false);
// "4.500 kroner", "fire tusind fem hundrede kroner", "4.500 kr."
std::string spoken_amount(Rng& rng, int kroner);
// Upper-cases the first letter (ASCII or æ/ø/å).
std::string capitalize_first(std::string text);

// ---- calendar (the pilot year 2026, not a leap year) --------------------------------------------------
struct Date {
  int month = 1;
  int day = 1;
};
Date date_from_doy(int doy);  // doy 1..365
int doy_of(Date date);
int weekday_of(Date date);  // 0 = mandag ... 6 = søndag
std::string_view month_name(int month);
std::string_view weekday_name(int weekday);
std::string date_value(Date date);  // "MM-DD"
// "den fjortende marts", "den 14. marts", "14. marts", "tirsdag den 14. april"
std::string spoken_date(Rng& rng, Date date, bool allow_weekday = true);
// The next working day on or after doy.
int next_weekday_doy(int doy);
int days_in_month(int month);

std::string time_value(int hour, int minute);  // "HH:MM"
// "klokken ti", "kl. 10.30", "halv elleve", "kvart over ni"; minute must be 0, 15, 30 or 45.
std::string spoken_time(Rng& rng, int hour, int minute);

// ---- people and places -----------------------------------------------------------------------------------
struct LanguageNames {
  std::string_view language;      // ISO 639-1
  std::string_view danish_name;   // "arabisk" — the language as the caseworker names it
  std::string_view female;
  std::string_view male;
  std::string_view surnames;
  std::string_view countries;     // where citizens speaking it typically come from, in Danish
};
std::span<const LanguageNames> language_names();
const LanguageNames& names_for(std::string_view language);

struct Region {
  std::string_view centre;  // the job centre's town
  std::string_view nearby;  // towns within commuting distance
};
std::span<const Region> regions();

// Invented company name stems ("Bæk", "Kildegaard", "Nordlys").
std::string_view firm_stems();

struct Sector {
  std::string_view key;
  std::string_view jobs;            // job titles, used after "som"
  std::string_view firm_suffixes;   // "Logistik|Transport" → "Bæk Logistik"
  std::string_view skills;          // things a citizen in the trade mentions having
  std::string_view courses;         // short job-oriented courses; neuter nouns, since they follow "et"
  std::string_view akasser;         // unemployment funds typical for the trade
  std::string_view tasks;           // what the work consists of, after "jeg har"
};
std::span<const Sector> sectors();

struct HealthCondition {
  std::string_view key;
  bool mental;
  std::string_view citizen_says;  // first-person description
  std::string_view note;          // case-note phrase, after "Borger oplyser at have"
  std::string_view treatment;     // first-person, after "jeg"
  std::string_view treatment_note;
  std::string_view limitation;    // after "kan ikke"; no pronouns, so it reads in first and third person
};
std::span<const HealthCondition> health_conditions();

struct EducationGoal {
  std::string_view name;     // "social- og sundhedsassistent"
  std::string_view spoken;   // "SOSU-assistent"
  std::string_view school;   // "SOSU-skolen"
  std::string_view entry;    // what it takes to get in, first-person from the caseworker
};
std::span<const EducationGoal> education_goals();

}  // namespace pb::synth
