#include "adapters/prompts.h"

#include <algorithm>

#include "core/error.h"
#include "core/files.h"
#include "core/hash.h"
#include "core/json_text.h"
#include "formats/note_text.h"
#include "core/utf8.h"

namespace pb {
namespace {

// journalnotat-v1: asks for the scenario's sections in order, forbids invented facts, asks for CPR numbers to
// be masked, and for neutral third-person language. The headings are asked for as "Titel:" on their own line,
// which formats/note_text.h reads back into sections.
constexpr std::string_view kJournalnotatV1Text =
    R"(Du er en erfaren sagsbehandler i et dansk jobcenter. Skriv et journalnotat på dansk ud fra transskriptionen af samtalen nedenfor.

Samtaletype: {{meeting_type}}

Krav til journalnotatet:
- Brug præcis disse afsnit i denne rækkefølge. Skriv hver overskrift på sin egen linje efterfulgt af kolon, og teksten under den:
{{sections}}
- Skriv kun det, der faktisk bliver sagt i samtalen. Opfind ikke oplysninger, datoer, klokkeslæt, beløb, navne eller aftaler. Er et afsnit ikke dækket af samtalen, så skriv "Ikke drøftet."
- Gengiv datoer, klokkeslæt, beløb og antal præcist, som de blev aftalt.
- Gengiv aldrig et CPR-nummer; skriv XXXXXX-XXXX i stedet.
- Skriv sagligt og neutralt i tredje person ("Borger oplyser …"), uden vurderende eller stigmatiserende ord.
- Svar kun med journalnotatet, uden indledning eller afsluttende bemærkninger.

Transskription (én replik pr. linje, taler først):
{{transcript}}
)";

// pdqi9-da-v1: a 1–5 score with a one-sentence justification per criterion of pdqi9_da_criteria(), then
// claim-level faithfulness, answered as one strict JSON object (validated by adapters/openai_judge.h).
constexpr std::string_view kPdqi9DaV1Text =
    R"(Du er en omhyggelig kvalitetsbedømmer af journalnotater fra danske jobcentre. Du får transskriptionen af en samtale mellem en sagsbehandler og en borger og et udkast til journalnotat, der er skrevet ud fra den. Bedøm udkastet alene ud fra transskriptionen; brug ikke viden udefra.

Del 1 – bedømmelse. Giv udkastet en karakter fra 1 (meget dårligt) til 5 (fremragende) for hvert af disse kriterier, med én sætning som begrundelse:
{{criteria}}

Del 2 – påstande. Del udkastet op i dets enkelte faktuelle påstande (én oplysning hver, fx en dato, en aftale eller en oplysning om borgeren). Angiv for hver påstand, om transskriptionen understøtter den (true) eller ej (false). En påstand, som ikke kan findes i transskriptionen, eller som modsiges af den, er ikke understøttet.

Svar udelukkende med ét JSON-objekt, uden markdown og uden tekst før eller efter, i præcis denne form:
{"rubric": {"accurate": {"score": 4, "justification": "…"}, "thorough": {"score": 3, "justification": "…"}, … ét felt for hvert af kriterierne ovenfor …}, "claims": [{"claim": "…", "supported": true}]}
Karaktererne skal være heltal fra 1 til 5. Gengiv aldrig et CPR-nummer; skriv XXXXXX-XXXX i stedet.

Transskription (én replik pr. linje, taler først):
{{transcript}}

Udkast til journalnotat:
{{draft}}
)";

const std::vector<RubricCriterion> kPdqi9DaCriteria = {
    {"accurate", "Nøjagtigt: notatet er fri for fejl; alt, hvad det siger, stemmer med samtalen."},
    {"thorough", "Grundigt: alle væsentlige oplysninger og aftaler fra samtalen er med."},
    {"useful", "Brugbart: oplysningerne er relevante for sagen og hjælper den næste sagsbehandler."},
    {"organised", "Velorganiseret: oplysningerne står under de rigtige afsnit og i en logisk rækkefølge."},
    {"comprehensible", "Forståeligt: klart sprog uden uforklarede forkortelser eller tvetydigheder."},
    {"succinct", "Kortfattet: ingen gentagelser eller overflødige detaljer."},
    {"synthesised",
     "Sammenfattende: notatet samler samtalen til en forståelig helhed i stedet for at gengive den replik for "
     "replik."},
    {"internally_consistent", "Internt konsistent: ingen dele af notatet modsiger hinanden."},
    {"free_of_stigmatising_language",
     "Fri for stigmatiserende sprog: borgeren beskrives neutralt og respektfuldt, uden værdiladede eller "
     "nedsættende ord."},
};

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool is_name_char(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Calls on_text(piece) for literal text and on_placeholder(name, raw) for each well-formed {{name}}.
template <class OnText, class OnPlaceholder>
void scan_template(std::string_view text, OnText&& on_text, OnPlaceholder&& on_placeholder) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find("{{", at);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    const std::string_view name = trim_spaces(text.substr(open + 2, close - open - 2));
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_char)) {
      on_text(text.substr(at, open + 2 - at));  // not a placeholder: keep "{{" and look further
      at = open + 2;
      continue;
    }
    on_text(text.substr(at, open - at));
    on_placeholder(name, text.substr(open, close + 2 - open));
    at = close + 2;
  }
  on_text(text.substr(at));
}

std::string danish_role(const std::string& role) {
  if (role == kRoleCaseworker) return "sagsbehandler";
  if (role == kRoleCitizen) return "borger";
  if (role == kRoleInterpreter) return "tolk";
  if (role == kRoleRelative) return "pårørende";
  return role;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

}  // namespace

std::optional<PromptTemplate> builtin_summary_prompt(std::string_view version) {
  if (version == kJournalnotatPromptV1) return PromptTemplate{std::string(version), std::string(kJournalnotatV1Text)};
  return std::nullopt;
}

std::optional<PromptTemplate> builtin_judge_prompt(std::string_view version) {
  if (version == kJudgePromptPdqi9DaV1) return PromptTemplate{std::string(version), std::string(kPdqi9DaV1Text)};
  return std::nullopt;
}

std::vector<std::string> builtin_summary_prompt_versions() { return {std::string(kJournalnotatPromptV1)}; }
std::vector<std::string> builtin_judge_prompt_versions() { return {std::string(kJudgePromptPdqi9DaV1)}; }

PromptTemplate load_prompt_file(const std::filesystem::path& path) {
  std::string text = read_file(path);
  if (const auto bad = find_invalid_utf8(text))
    throw InputError(Problem{path.string(), 0, "byte " + std::to_string(*bad), "invalid UTF-8 in the prompt file"});
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError(Problem{path.string(), 0, "", "the prompt file is empty"});
  // The version names the exact bytes sent, so two runs with the same version used the same prompt.
  return PromptTemplate{"file:" + sha256_hex(text).substr(0, 12), std::move(text)};
}

std::optional<PromptTemplate> read_prompt_config(AdapterConfigReader& config, bool judge, std::string_view default_version,
                                                 const std::vector<std::string>& required,
                                                 const std::vector<std::string>& allowed) {
  std::optional<PromptTemplate> chosen;
  std::string field;
  const auto version = config.string("prompt");
  const auto file = config.string("prompt_file");
  if (version && file) {
    config.problem(config.path("prompt_file"), "give either \"prompt\" (a built-in version) or \"prompt_file\", not both");
    return std::nullopt;
  }
  if (file) {
    field = config.path("prompt_file");
    try {
      chosen = load_prompt_file(std::filesystem::path(config.spec().base_dir) / *file);
    } catch (const InputError& error) {
      for (const Problem& problem : error.problems())
        config.problem(field, problem.file + ": " + (problem.field.empty() ? "" : problem.field + ": ") +
                                  problem.message);
      return std::nullopt;
    }
  } else {
    field = config.path("prompt");
    const std::string name = version.value_or(std::string(default_version));
    chosen = judge ? builtin_judge_prompt(name) : builtin_summary_prompt(name);
    if (!chosen) {
      std::string known;
      for (const auto& v : judge ? builtin_judge_prompt_versions() : builtin_summary_prompt_versions())
        known += (known.empty() ? "" : ", ") + v;
      config.problem(field, "unknown prompt version \"" + name + "\" (built in: " + known +
                                "; or use \"prompt_file\")");
      return std::nullopt;
    }
  }
  const std::vector<std::string> used = prompt_placeholders(chosen->text);
  bool good = true;
  for (const std::string& name : required)
    if (std::find(used.begin(), used.end(), name) == used.end()) {
      config.problem(field, "the template has no {{" + name + "}} placeholder");
      good = false;
    }
  for (const std::string& name : used)
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string known;
      for (const auto& a : allowed) known += (known.empty() ? "{{" : ", {{") + a + "}}";
      config.problem(field, "unknown placeholder {{" + name + "}} (known: " + known + ")");
      good = false;
    }
  return good ? chosen : std::nullopt;
}

std::vector<std::string> read_section_titles(AdapterConfigReader& config) {
  const nlohmann::json* value = config.find("sections");
  if (!value) return journalnotat_section_titles();
  std::vector<std::string> titles;
  if (!value->is_array() || value->empty()) {
    config.problem(config.path("sections"),
                   "expected a non-empty list of section titles such as [\"Formål\", \"Aftaler\"], got " +
                       describe_json(*value));
    return titles;
  }
  for (std::size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& title = (*value)[i];
    const std::string field = config.path("sections") + "[" + std::to_string(i) + "]";
    if (!title.is_string() || title.get<std::string>().find_first_not_of(" \t") == std::string::npos ||
        title.get<std::string>().find_first_of("\r\n") != std::string::npos) {
      config.problem(field, "expected a non-empty one-line title, got " + describe_json(title));
    } else if (std::find(titles.begin(), titles.end(), title.get<std::string>()) != titles.end()) {
      config.problem(field, "\"" + title.get<std::string>() + "\" is listed twice");
    } else {
      titles.push_back(title.get<std::string>());
    }
  }
  return titles;
}

std::vector<std::string> recognised_titles(const std::vector<std::string>& sections) {
  std::vector<std::string> titles = sections;
  for (const std::string& title : default_note_titles())
    if (std::find(titles.begin(), titles.end(), title) == titles.end()) titles.push_back(title);
  return titles;
}

std::vector<std::string> prompt_placeholders(std::string_view text) {
  std::vector<std::string> names;
  scan_template(
      text, [](std::string_view) {},
      [&](std::string_view name, std::string_view) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
      });
  return names;
}

std::string render_prompt(std::string_view text, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size());
  scan_template(
      text, [&](std::string_view piece) { out.append(piece); },
      [&](std::string_view name, std::string_view raw) {
        const auto it = values.find(std::string(name));
        out.append(it == values.end() ? raw : std::string_view(it->second));
      });
  return out;
}

std::string transcript_for_prompt(const Transcript& transcript) {
  std::string out;
  for (const Segment& segment : transcript.segments) {
    std::string who = segment.speaker.empty() ? std::string("Ukendt") : one_line(segment.speaker);
    if (!segment.role.empty()) who += " (" + danish_role(segment.role) + ")";
    out += who + ": " + one_line(segment.text) + "\n";
  }
  return out;
}

std::string sections_for_prompt(const std::vector<std::string>& sections) {
  std::string out;
  for (const std::string& title : sections) out += "- " + one_line(title) + "\n";
  if (!out.empty()) out.pop_back();
  return out;
}

const std::vector<RubricCriterion>& pdqi9_da_criteria() { return kPdqi9DaCriteria; }

std::string criteria_for_prompt(const std::vector<RubricCriterion>& criteria) {
  std::string out;
  for (const RubricCriterion& criterion : criteria)
    out += "- " + std::string(criterion.name) + ": " + std::string(criterion.description) + "\n";
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace pb
