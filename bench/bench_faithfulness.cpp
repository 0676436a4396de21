// Reference-free checks of drafted notes on realistic text: the reference notes and transcripts of synthetic
// job-centre conversations, concatenated to reach long notes (≈300, 1000 and 3000 note words against a
// transcript about six times longer, as a real first meeting and its note). Measures atom extraction alone,
// the whole faithfulness check (atoms, obligations, negation flips, novel n-grams, fragments) and key-fact matching.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "formats/note_text.h"
#include "harness/transcription_scoring.h"
#include "metrics/faithfulness.h"
#include "metrics/key_fact_match.h"
#include "metrics/rouge.h"
#include "metrics/summary_atoms.h"
#include "scenarios/synth_conversations.h"

namespace {

struct NoteAndSource {
  std::string note;
  std::string source;
  std::vector<pb::KeyFact> facts;
};

std::size_t word_count(const std::string& text) {
  return pb::rouge_tokenize(text, pb::RougeOptions{pb::RougeTokenizer::danish, false}).size();
}

// Conversations 0, 1, 2, … of seed 1 until the note has `note_words` words.
NoteAndSource long_note(std::size_t note_words) {
  NoteAndSource out;
  for (int i = 0; word_count(out.note) < note_words; ++i) {
    const pb::Conversation c = pb::synthesize_conversation(1, i);
    out.note += pb::note_body(c.reference_note) + "\n";
    out.source += pb::transcript_text(c.segments) + "\n";
    out.facts.insert(out.facts.end(), c.key_facts.begin(), c.key_facts.end());
  }
  return out;
}

void BM_ExtractAtoms(benchmark::State& state) {
  const auto input = long_note(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(pb::extract_atoms(input.note));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.note.size()));
}
BENCHMARK(BM_ExtractAtoms)->Arg(300)->Arg(1000)->Arg(3000)->Unit(benchmark::kMillisecond);

void BM_Faithfulness(benchmark::State& state) {
  const auto input = long_note(static_cast<std::size_t>(state.range(0)));
  state.counters["source_words"] = static_cast<double>(word_count(input.source));
  for (auto _ : state) benchmark::DoNotOptimize(pb::check_faithfulness(input.note, input.source));
}
BENCHMARK(BM_Faithfulness)->Arg(300)->Arg(1000)->Arg(3000)->Unit(benchmark::kMillisecond);

void BM_KeyFactMatch(benchmark::State& state) {
  const auto input = long_note(static_cast<std::size_t>(state.range(0)));
  state.counters["facts"] = static_cast<double>(input.facts.size());
  for (auto _ : state) benchmark::DoNotOptimize(pb::match_key_facts(input.facts, input.note));
}
BENCHMARK(BM_KeyFactMatch)->Arg(300)->Arg(3000)->Unit(benchmark::kMillisecond);

}  // namespace
