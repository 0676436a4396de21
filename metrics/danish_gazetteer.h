#pragma once
// Word lists for finding checkable names in Danish case notes: first names, towns and municipalities,
// organisations and systems a job centre note mentions (a-kasser, 3F, Jobnet, e-Boks, Jobcenter …),
// employment interventions (virksomhedspraktik, løntilskud, mentor, CV-kursus …) and job titles.
// Constant tables, no state. Every lookup takes case-folded words (core/utf8.h casefold).
// The lists are deliberately finite and documented (docs: "Gazetteers"); a word that is not listed can
// still be found as a proper noun by its capital letter (summary_atoms.h).
#include <optional>
#include <span>
#include <string_view>

namespace pb {

enum class GazetteerKind { organisation, intervention, job_title };

// A phrase with one canonical name and the other ways notes and transcripts write it. `key` and every
// variant are written as case-folded words with hyphens and spaces removed ("cvkursus", "kursusicv"),
// which is how callers compare them (see gazetteer_key).
struct GazetteerPhrase {
  std::string_view canonical;  // shown to users: "CV-kursus", "Jobnet", "virksomhedspraktik"
  GazetteerKind kind;
  std::string_view keys;       // '|'-separated matching keys, first one the canonical's own key
};

// All listed organisations, interventions and job titles.
std::span<const GazetteerPhrase> gazetteer_phrases();

// The entry a run of words is written as, by its key (case-folded words joined without spaces or
// hyphens: "Kursus i CV" → "kursusicv"). nullptr when not listed.
const GazetteerPhrase* find_gazetteer_phrase(std::string_view key);

// Longest number of words a listed phrase spans (callers try runs of at most this many words).
int longest_gazetteer_phrase_words();

// The job centre's own channels: Jobcenter, Jobnet (Min Plan, the Jobnet app), e-Boks/digital post, MitID,
// borger.dk. Takes an organisation atom's canonical (case-folded listed canonical: "e-boks", "min plan").
bool is_job_centre_channel(std::string_view folded_canonical);

bool is_danish_first_name(std::string_view folded);
bool is_danish_place(std::string_view folded);  // towns, municipalities, regions and a few countries

// Place and first names that are also everyday Danish words ("give", "ringe", "per", "bo"): at the start
// of a sentence their capital letter proves nothing, so they are not taken as names there.
bool is_ambiguous_gazetteer_word(std::string_view folded);

// Words that end a company name ("ApS", "A/S", "Logistik", "Hotel", "Restaurant" …): a capitalised run
// ending in one is an organisation.
bool is_organisation_suffix(std::string_view folded);

// A lower-case word that names an occupation by its ending (lagermedarbejder, sosu-assistent,
// buschauffør, sygehjælper). The bare ending itself ("medarbejder", "hjælper") does not count.
bool has_job_title_ending(std::string_view folded);

}  // namespace pb
