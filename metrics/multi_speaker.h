#pragma once
// Word error rates for speaker-attributed transcripts (two-party and multi-party conversations), following
// the definitions of the meeteval toolkit (Neumann et al., "MeetEval", CHiME-7/8):
//
//   cpWER  concatenated minimum-permutation WER. The words of each speaker are concatenated into one stream
//          per speaker, on both sides. Hypothesis speakers are paired one-to-one with reference speakers so
//          that the summed errors are minimal (Hungarian algorithm on the errors matrix, padded with empty
//          dummy speakers: a reference speaker nobody is paired with costs all its words as deletions, a
//          hypothesis speaker paired with nobody costs all its words as insertions). Labels are arbitrary on
//          both sides ("SB"/"B" against "spk0"/"SPEAKER_01") and the numbers of speakers may differ.
//   ORC-WER  optimal reference combination WER, speaker-agnostic: every reference segment (utterance) is put
//          into exactly one hypothesis stream (a hypothesis speaker) so that the summed errors are minimal;
//          inside a stream the utterances keep their reference order. Measures recognition alone: wrong
//          speaker labels cost nothing. Always ORC errors <= cpWER errors for the same input.
//   speaker-label error  cpWER errors - ORC errors: the part of cpWER caused by speaker attribution.
//   tcpWER time-constrained cpWER: as cpWER, but a reference and a hypothesis word may only be aligned as a
//          hit or substitution when their time intervals overlap; otherwise they cost a deletion plus an
//          insertion. Needs times; see TcpwerOptions for pseudo word-level timing and the collar.
//
// Input: segments with already normalised words (metrics/text_normalize.h); the harness builds them from a
// Transcript (harness/dataset.h Segment: speaker, start, end, text). Order of words in a stream: each
// transcript's segments are stably sorted by start time when every segment of that transcript has one
// (meeteval's default "segment" sort), otherwise kept in input order; words keep their order in a segment.
// An empty speaker label "" is a label like any other (e.g. an ASR without diarisation: one stream).
//
// Counts: totals and S/D/I splits come from this project's aligner (word_alignment.h tie-breaking), so the
// error totals equal meeteval's while S/D/I may be split differently on ties. Everything is pure and
// deterministic; ties between equally good pairings are broken as documented per function.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/outcome.h"
#include "metrics/word_alignment.h"

namespace pb {

// A time interval in seconds. A point is an interval with start == end.
struct WordInterval {
  double start = 0.0;
  double end = 0.0;
  bool operator==(const WordInterval&) const = default;
};

struct SpeakerSegment {
  std::string speaker;
  std::vector<std::string> words;  // normalised words; may be empty
  std::optional<double> start;     // seconds from the start of the recording
  std::optional<double> end;
  // Empty, or exactly one interval per word (word-level times from an ASR). Only tcpWER reads times.
  std::vector<WordInterval> word_times;
};

// One row of a cpWER/tcpWER pairing. Exactly one side is nullopt for an unpaired speaker.
struct SpeakerMatch {
  std::optional<std::string> ref_speaker;  // nullopt: a hypothesis speaker left over (all its words insertions)
  std::optional<std::string> hyp_speaker;  // nullopt: a reference speaker nobody matched (all deletions)
  ErrorCounts counts;                      // this pair's alignment
  bool operator==(const SpeakerMatch&) const = default;
};

struct CpwerResult {
  ErrorCounts total;  // sum of matches[].counts; WER = word_error_rate(total)
  // Every reference speaker once, in label order (byte-wise), each with its partner or nullopt; then the
  // left-over hypothesis speakers in label order. So the first rows are the per-reference-speaker counts.
  std::vector<SpeakerMatch> matches;
  int missed_speakers = 0;       // reference speakers without a partner: max(0, #ref - #hyp)
  int false_alarm_speakers = 0;  // hypothesis speakers without a partner: max(0, #hyp - #ref)
};

// cpWER. Never fails. Time: #ref·#hyp word alignments (each O(n·m)) plus O(k³) for k = max(#ref, #hyp)
// speakers. Among several optimal pairings the one returned depends only on the labels and words.
CpwerResult cpwer(std::span<const SpeakerSegment> ref, std::span<const SpeakerSegment> hyp);

// Limits for the exact ORC dynamic programme. Its state is one position in every hypothesis stream, so
// with K streams of lengths L1..LK the table has C = (L1+1)·...·(LK+1) cells and the work is
// (N + U)·K·C cell updates for N reference words in U segments (×2 when memory forces recomputation,
// see below). Two streams of 1,000 words each and 2,000 reference words: 1e6 cells, 4e9 updates.
struct OrcwerOptions {
  int max_streams = 4;               // more hypothesis speakers than this -> failure
  std::int64_t max_cells = 1 << 25;  // cells of one table (4 bytes each)
  // Work bound. Measured ~4 ns per update in a release build (2 streams), so 2e9 is about 8 s: 2 streams and
  // ~150 segments of 10 words pass, 200 such segments do not.
  std::int64_t max_cell_updates = 2'000'000'000;
  // Tables kept for recovering the assignment. When all U+1 boundary tables do not fit, every ⌈√U⌉-th is
  // kept and the others are recomputed during backtracking.
  std::int64_t max_memory_cells = 1 << 26;  // 256 MB
};

struct OrcwerResult {
  ErrorCounts total;
  std::vector<std::string> hyp_speakers;  // the streams, in label order
  // For each reference segment in input order: index into hyp_speakers, -1 when the hypothesis has no speakers.
  std::vector<int> stream_of_segment;
  std::vector<ErrorCounts> stream_counts;  // per stream: the segments put there against that speaker's words
};

// ORC-WER, exact (meeteval's multi-dimensional Levenshtein DP; see OrcwerOptions for the cost). Failure
// with a reason when there are more than max_streams hypothesis speakers or a limit would be exceeded.
// Ties: backtracking from the last reference segment, the lowest-numbered stream reaching the optimum is
// taken, and within it the split that gives the segment the fewest hypothesis words.
Outcome<OrcwerResult> orcwer(std::span<const SpeakerSegment> ref, std::span<const SpeakerSegment> hyp,
                             const OrcwerOptions& options = {});

struct SpeakerLabelError {
  std::int64_t errors = 0;  // cpWER errors - ORC errors (>= 0)
  double rate = 0.0;        // errors / reference words; 0 for an empty reference (errors are then 0 too)
};

// Precondition (assert): both computed from the same reference (equal ref_words).
SpeakerLabelError speaker_label_error(const CpwerResult& cp, const OrcwerResult& orc);

// How a segment's interval is shared out to its words when there are no word-level times (meeteval's
// pseudo word-level timing strategies; lengths are in Unicode code points).
enum class PseudoWordTiming {
  character_based,         // consecutive intervals, each as long as its share of the characters
  character_based_points,  // the midpoints of the character_based intervals
  equidistant_intervals,   // consecutive intervals of equal length
  equidistant_points,      // the midpoints of the equidistant intervals
  full_segment,            // every word gets the whole segment
};

// One interval per word. A single word gets the whole interval (or its midpoint for the *_points kinds).
// If all words are empty strings, character_based falls back to equidistant.
std::vector<WordInterval> pseudo_word_intervals(std::span<const std::string> words, double start, double end,
                                                PseudoWordTiming timing);

// Time-constrained word alignment counts: a hit or substitution needs ref_times[i] and hyp_times[j] to
// overlap, strictly (a.start < b.end && b.start < a.end; touching intervals do not overlap, a point overlaps
// an interval only strictly inside it). Same unit costs and tie-breaking as count_errors. Times are used as
// given (apply any collar first). Sizes must match (assert). Time O(n·m), memory O(m).
ErrorCounts count_time_constrained_errors(std::span<const std::string> ref, std::span<const WordInterval> ref_times,
                                          std::span<const std::string> hyp, std::span<const WordInterval> hyp_times);

// tcpWER settings. The defaults are meeteval's strategies for the two sides. Collar: meeteval's library
// default is 0, but its documentation and the CHiME-7/8 challenges use 5 s, which is what a comparable
// number needs, so 5 s is the default here.
struct TcpwerOptions {
  double collar = 5.0;  // seconds added on both sides of every hypothesis word interval; >= 0 (assert)
  PseudoWordTiming reference_timing = PseudoWordTiming::character_based;
  PseudoWordTiming hypothesis_timing = PseudoWordTiming::character_based_points;
};

// tcpWER. Word intervals: a segment's word_times when given (each word then treated as a one-word segment,
// so *_points strategies still reduce it to its midpoint, as meeteval does with CTM input), otherwise pseudo
// word-level times from start/end. Hypothesis intervals are widened by the collar, start clamped at 0 (as
// meeteval). Segments are sorted by start time per transcript. Segments without words need no times.
// Failure (not computable) when a segment with words lacks start or end, a time is not finite, an end lies
// before its start, or word_times has the wrong length.
Outcome<CpwerResult> tcpwer(std::span<const SpeakerSegment> ref, std::span<const SpeakerSegment> hyp,
                            const TcpwerOptions& options = {});

}  // namespace pb
