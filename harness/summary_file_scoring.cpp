#include "harness/summary_file_scoring.h"

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/cpr.h"
#include "core/error.h"
#include "core/files.h"
#include "core/json_text.h"
#include "formats/note_text.h"
#include "formats/transcript_formats.h"
#include "harness/transcription_scoring.h"
#include "metrics/chrf.h"
#include "metrics/faithfulness.h"
#include "metrics/key_fact_match.h"
#include "metrics/note_structure.h"
#include "metrics/rouge.h"

namespace pb {
namespace {


// Reads a JSON file; a syntax error is an InputError with line and column.
nlohmann::json read_json_file(const std::filesystem::path& path, std::string& text) {
  text = read_file(path);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, column] = line_and_column(text, e.byte > 0 ? e.byte - 1 : 0);
    throw InputError(Problem{path.string(), line, "", fmt::format("column {}: {}", column, parse_error_message(e))});
  }
}

std::vector<KeyFact> read_facts(const std::filesystem::path& path) {
  std::string text;
  nlohmann::json doc = read_json_file(path, text);
  const auto lines = json_path_lines(text);
  ProblemList problems;
  auto problem = [&](const std::string& field, std::string message) {
    auto it = lines.find(field);
    if (it == lines.end()) it = lines.find(field.substr(0, field.find('.')));
    problems.add(path.string(), it == lines.end() ? 1 : it->second, field, std::move(message));
  };
  if (doc.is_object() && doc.contains("key_facts")) doc = doc["key_facts"];  // a dataset line works too
  std::vector<KeyFact> facts;
  if (!doc.is_array()) {
    problem("", "expected an array of key facts [{\"type\": …, \"value\": …, \"text\": …, \"label\": …}], got " +
                    describe_json(doc));
    problems.throw_if_any();
  }
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const auto at = "[" + std::to_string(i) + "]";
    const auto& f = doc[i];
    if (!f.is_object()) {
      problem(at, "expected an object with type, value and text, got " + describe_json(f));
      continue;
    }
    KeyFact fact;
    const std::pair<const char*, std::string*> fields[] = {
        {"type", &fact.type}, {"value", &fact.value}, {"text", &fact.text}, {"label", &fact.label}};
    for (const auto& [key, target] : fields) {
      const auto it = f.find(key);
      if (it == f.end() || it->is_null()) {
        if (std::string_view(key) == "type" || std::string_view(key) == "text")
          problem(at + "." + key, "missing; expected a string");
        continue;
      }
      if (!it->is_string()) {
        problem(at + "." + key, "expected a string, got " + describe_json(*it));
        continue;
      }
      *target = it->get<std::string>();
    }
    facts.push_back(std::move(fact));
  }
  problems.throw_if_any();
  return facts;
}

NoteTemplate read_template(const std::filesystem::path& path) {
  std::string text;
  const nlohmann::json doc = read_json_file(path, text);
  ProblemList problems;
  auto result = parse_note_template(doc, path.string(), "", problems);
  if (!problems.empty()) throw InputError(attach_lines(problems.items(), path.string(), json_path_lines(text)));
  return result;
}

nlohmann::ordered_json rouge_json(const RougeScore& s) {
  return {{"precision", s.precision}, {"recall", s.recall}, {"fmeasure", s.fmeasure}};
}

nlohmann::ordered_json overlap_json(const std::string& reference, const std::string& hypothesis,
                                    const SummaryFileOptions& options) {
  RougeOptions rouge_options;
  rouge_options.tokenizer = options.tokenizer == "da" ? RougeTokenizer::danish : RougeTokenizer::rouge_score;
  rouge_options.stem = options.stem;
  const std::string target = options.split_sentences ? split_sentences_for_lsum(reference) : reference;
  const std::string prediction = options.split_sentences ? split_sentences_for_lsum(hypothesis) : hypothesis;
  const auto scores = rouge_scores(target, prediction, rouge_options);
  nlohmann::ordered_json j;
  j["rouge1"] = rouge_json(scores.rouge1);
  j["rouge2"] = rouge_json(scores.rouge2);
  j["rougeL"] = rouge_json(scores.rougeL);
  j["rougeLsum"] = rouge_json(scores.rougeLsum);
  if (options.rouge_only) return j;
  j["chrf"] = chrf_sentence(reference, hypothesis);
  j["chrfpp"] = chrf_sentence(reference, hypothesis, chrf_plus_plus());
  return j;
}

nlohmann::ordered_json faithfulness_json(const std::string& draft, const std::string& source,
                                         const SummaryFileOptions& options) {
  FaithfulnessOptions faith_options;
  faith_options.content_overlap_threshold = options.content_overlap_threshold;
  const auto r = check_faithfulness(draft, source, faith_options);
  nlohmann::ordered_json j;
  j["atoms_checked"] = r.atoms_checked;
  j["atoms_unsupported"] = r.atoms_unsupported;
  j["unsupported_rate"] = r.unsupported_rate();
  j["critical_errors"] = r.critical_errors;
  auto& by_type = j["by_type"] = nlohmann::ordered_json::object();
  for (const auto& [type, counts] : r.by_type)
    by_type[type] = {{"checked", counts.checked}, {"unsupported", counts.unsupported}};
  auto& atoms = j["atoms"] = nlohmann::ordered_json::array();
  for (const auto& a : r.atoms)
    atoms.push_back({{"type", a.atom.type},
                     {"text", a.atom.text},
                     {"canonical", a.atom.canonical},
                     {"supported", a.supported},
                     {"closest_in_source", a.evidence.empty() ? nlohmann::ordered_json(nullptr)
                                                              : nlohmann::ordered_json(a.evidence)}});
  auto& obligations = j["obligations"] = nlohmann::ordered_json::array();
  for (const auto& o : r.obligations) {
    nlohmann::ordered_json oj{{"trigger", o.trigger}, {"supported", o.supported}, {"reason", o.reason}, {"overlap", o.overlap}};
    if (options.show_text) {
      oj["clause"] = o.clause;
      oj["best_source"] = o.best_source;
    }
    obligations.push_back(std::move(oj));
  }
  auto& flips = j["negation_flips"] = nlohmann::ordered_json::array();
  for (const auto& f : r.flips) {
    nlohmann::ordered_json fj{{"negated_in", f.draft_negated ? "draft" : "source"}, {"overlap", f.overlap}};
    if (options.show_text) {
      fj["draft_clause"] = f.draft_clause;
      fj["source_sentence"] = f.source_sentence;
    }
    flips.push_back(std::move(fj));
  }
  j["novel_ngram_rate"] = {{"1", r.novel_1}, {"2", r.novel_2}, {"3", r.novel_3}};
  j["coverage"] = r.coverage;
  j["density"] = r.density;
  return j;
}

nlohmann::ordered_json facts_json(const std::vector<KeyFact>& facts, const std::string& draft,
                                  const SummaryFileOptions& options) {
  KeyFactMatchOptions match_options;
  match_options.content_overlap_threshold = options.key_fact_threshold;
  const auto r = match_key_facts(facts, draft, match_options);
  nlohmann::ordered_json j;
  j["total"] = r.total;
  j["found"] = r.found;
  j["recall"] = r.recall() ? nlohmann::ordered_json(*r.recall()) : nlohmann::ordered_json(nullptr);
  auto& by_type = j["by_type"] = nlohmann::ordered_json::object();
  for (const auto& [type, counts] : r.by_type) by_type[type] = {{"found", counts.found}, {"total", counts.total}};
  auto& list = j["facts"] = nlohmann::ordered_json::array();
  for (const auto& m : r.facts) {
    nlohmann::ordered_json fj{{"type", m.fact.type}, {"label", m.fact.label}, {"value", m.fact.value},
                              {"found", m.found}, {"score", m.score}, {"method", m.method}};
    if (options.show_text) fj["evidence"] = m.evidence;
    list.push_back(std::move(fj));
  }
  return j;
}

nlohmann::ordered_json structure_json(const CaseNote& note, const NoteTemplate& note_template) {
  const auto r = check_note_structure(note, note_template);
  nlohmann::ordered_json j;
  j["passes"] = r.passes;
  j["sections_required"] = r.sections_required;
  j["sections_present"] = r.sections_present;
  j["missing"] = r.missing;
  j["empty"] = r.empty;
  auto& length = j["length_problems"] = nlohmann::ordered_json::array();
  for (const auto& p : r.length_problems) length.push_back(p.message);
  j["words"] = r.total_words;
  j["cpr_found"] = r.cpr_found;
  return j;
}

// One hypothesis (and its reference) scored.
nlohmann::ordered_json score_document(const std::optional<std::filesystem::path>& reference,
                                      const std::filesystem::path& hypothesis, const std::optional<std::string>& source,
                                      const std::vector<KeyFact>* facts, const NoteTemplate& note_template,
                                      const SummaryFileOptions& options) {
  const NoteFileText draft = read_note_file_and_text(hypothesis, default_note_titles());
  nlohmann::ordered_json j;
  j["hyp"] = hypothesis.string();
  if (reference) {
    j["ref"] = reference->string();
    const NoteFileText ref = read_note_file_and_text(*reference, default_note_titles());
    j["overlap"] = overlap_json(ref.text, draft.text, options);
  }
  if (source) j["faithfulness"] = faithfulness_json(draft.text, *source, options);
  if (facts) j["key_facts"] = facts_json(*facts, draft.text, options);
  if (!options.rouge_only) j["structure"] = structure_json(draft.note, note_template);
  return j;
}

}  // namespace

nlohmann::ordered_json score_summary_files(const SummaryFileOptions& options) {
  if (options.tokenizer != "rouge-score" && options.tokenizer != "da")
    throw InputError(Problem{"", 0, "--tokenizer", "expected rouge-score or da, got \"" + options.tokenizer + "\""});
  std::optional<std::string> source;
  if (options.source) source = transcript_text(read_transcript_file(*options.source).segments);
  std::optional<std::vector<KeyFact>> facts;
  if (options.facts) facts = read_facts(*options.facts);
  const NoteTemplate note_template = options.note_template ? read_template(*options.note_template)
                                                           : default_journalnotat_template();

  nlohmann::ordered_json result;
  result["settings"] = {{"tokenizer", options.tokenizer},
                        {"stem", options.stem},
                        {"split_sentences", options.split_sentences},
                        {"key_fact_threshold", options.key_fact_threshold},
                        {"content_overlap_threshold", options.content_overlap_threshold}};
  if (!std::filesystem::is_directory(options.hypothesis)) {
    if (options.reference && std::filesystem::is_directory(*options.reference))
      throw InputError(Problem{options.reference->string(), 0, "", "--ref is a folder but --hyp is a file; give two files or two folders"});
    auto doc = score_document(options.reference, options.hypothesis, source, facts ? &*facts : nullptr, note_template, options);
    for (auto& [key, value] : doc.items()) result[key] = value;
    return result;
  }
  if (!options.reference || !std::filesystem::is_directory(*options.reference))
    throw InputError(Problem{options.hypothesis.string(), 0, "", "--hyp is a folder; --ref must be a folder too"});
  // Folders: pair files by name stem.
  std::map<std::string, std::filesystem::path> refs, hyps;
  for (const auto& e : std::filesystem::directory_iterator(*options.reference))
    if (e.is_regular_file()) refs[e.path().stem().string()] = e.path();
  for (const auto& e : std::filesystem::directory_iterator(options.hypothesis))
    if (e.is_regular_file()) hyps[e.path().stem().string()] = e.path();
  ProblemList problems;
  for (const auto& [stem, path] : hyps)
    if (!refs.count(stem)) problems.add(path.string(), 0, "", "no reference file named " + stem + ".* in " + options.reference->string());
  problems.throw_if_any();
  auto& documents = result["documents"] = nlohmann::ordered_json::array();
  std::map<std::string, double> sums;
  for (const auto& [stem, path] : hyps) {
    auto doc = score_document(refs[stem], path, source, facts ? &*facts : nullptr, note_template, options);
    doc["id"] = stem;
    for (const char* variant : {"rouge1", "rouge2", "rougeL", "rougeLsum"})
      for (const char* part : {"precision", "recall", "fmeasure"})
        sums[std::string(variant) + "." + part] += doc["overlap"][variant][part].get<double>();
    if (!options.rouge_only) {
      sums["chrf"] += doc["overlap"]["chrf"].get<double>();
      sums["chrfpp"] += doc["overlap"]["chrfpp"].get<double>();
    }
    documents.push_back(std::move(doc));
  }
  nlohmann::ordered_json mean;
  const double n = static_cast<double>(hyps.size());
  for (const char* variant : {"rouge1", "rouge2", "rougeL", "rougeLsum"})
    for (const char* part : {"precision", "recall", "fmeasure"})
      mean[variant][part] = n > 0 ? sums[std::string(variant) + "." + part] / n : 0.0;
  if (!options.rouge_only) {
    mean["chrf"] = n > 0 ? sums["chrf"] / n : 0.0;
    mean["chrfpp"] = n > 0 ? sums["chrfpp"] / n : 0.0;
  }
  result["mean"] = mean;
  return result;
}

std::string describe_summary_score(const nlohmann::ordered_json& result) {
  std::string out;
  auto describe_one = [&](const nlohmann::ordered_json& doc, const std::string& prefix) {
    if (doc.contains("overlap")) {
      const auto& o = doc["overlap"];
      for (const char* variant : {"rouge1", "rouge2", "rougeL", "rougeLsum"})
        out += fmt::format("{}{:<10} P {:.4f}  R {:.4f}  F {:.4f}\n", prefix, variant, o[variant]["precision"].get<double>(),
                           o[variant]["recall"].get<double>(), o[variant]["fmeasure"].get<double>());
      if (o.contains("chrf"))
        out += fmt::format("{}chrF {:.2f}  chrF++ {:.2f}\n", prefix, o["chrf"].get<double>(), o["chrfpp"].get<double>());
    }
    if (doc.contains("key_facts")) {
      const auto& k = doc["key_facts"];
      out += fmt::format("{}key facts: {} of {} found\n", prefix, k["found"].get<int>(), k["total"].get<int>());
      for (const auto& f : k["facts"])
        if (!f["found"].get<bool>())
          out += fmt::format("{}  missed {} «{}» {}\n", prefix, f["type"].get<std::string>(), f["label"].get<std::string>(),
                             f["value"].get<std::string>());
    }
    if (doc.contains("faithfulness")) {
      const auto& f = doc["faithfulness"];
      out += fmt::format("{}atoms: {} checked, {} unsupported; critical errors {}; negation flips {}\n", prefix,
                         f["atoms_checked"].get<int>(), f["atoms_unsupported"].get<int>(), f["critical_errors"].get<int>(),
                         f["negation_flips"].size());
      for (const auto& a : f["atoms"])
        if (!a["supported"].get<bool>())
          out += fmt::format("{}  unsupported {} “{}” ({}){}\n", prefix, a["type"].get<std::string>(),
                             a["text"].get<std::string>(), a["canonical"].get<std::string>(),
                             a["closest_in_source"].is_null() ? "" : "; closest in source " + a["closest_in_source"].get<std::string>());
      for (const auto& o : f["obligations"])
        if (!o["supported"].get<bool>()) out += fmt::format("{}  unsupported obligation: {}\n", prefix, o["reason"].get<std::string>());
    }
    if (doc.contains("structure")) {
      const auto& s = doc["structure"];
      out += fmt::format("{}template: {}", prefix, s["passes"].get<bool>() ? "passes" : "fails");
      for (const auto& m : s["missing"]) out += "; missing " + m.get<std::string>();
      for (const auto& m : s["empty"]) out += "; empty " + m.get<std::string>();
      if (s["cpr_found"].get<int>() > 0) out += fmt::format("; {} CPR-like number(s)", s["cpr_found"].get<int>());
      out += "\n";
    }
  };
  if (result.contains("documents")) {
    for (const auto& doc : result["documents"]) {
      out += doc["id"].get<std::string>() + ":\n";
      describe_one(doc, "  ");
    }
    const auto& m = result["mean"];
    out += "mean:\n";
    for (const char* variant : {"rouge1", "rouge2", "rougeL", "rougeLsum"})
      out += fmt::format("  {:<10} F {:.4f}\n", variant, m[variant]["fmeasure"].get<double>());
  } else {
    describe_one(result, "");
  }
  return mask_cpr(out);
}

}  // namespace pb
