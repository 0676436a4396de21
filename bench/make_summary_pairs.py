#!/usr/bin/env python3
"""Writes N deterministic English reference/prediction pairs as ref/<i>.txt and hyp/<i>.txt for ROUGE benchmarks.

Each reference is a few sentences (one per line) drawn from a fixed vocabulary; the prediction keeps most words,
drops some, substitutes some and reorders one sentence, so the n-gram and LCS tables do real work.
usage: make_summary_pairs.py OUT_DIR [--pairs N] [--words W] [--seed S]
"""
import argparse
import os
import random

VOCAB = ("the a caseworker citizen meeting agreed to apply for two jobs every week and register them in the job log "
         "next interview will be on march fourteenth at ten o clock by phone course in cv writing starts november "
         "twelfth she has worked as warehouse assistant for seven years union member no health restrictions reported "
         "benefit rate amount kroner per month transport childcare plan goal logistics team leader forklift licence "
         "internship wage subsidy mentor follow up within fourteen days").split()


def sentence(rng):
    return " ".join(rng.choice(VOCAB) for _ in range(rng.randint(8, 20))).capitalize() + "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "ref"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "hyp"), exist_ok=True)
    for i in range(args.pairs):
        sentences, words = [], 0
        while words < args.words:
            sentences.append(sentence(rng))
            words += len(sentences[-1].split())
        hyp = []
        for s in sentences:
            tokens = []
            for t in s.split():
                r = rng.random()
                if r < 0.08:
                    continue
                tokens.append(rng.choice(VOCAB) if r < 0.16 else t)
            hyp.append(" ".join(tokens))
        if len(hyp) > 1:
            j = rng.randrange(len(hyp) - 1)
            hyp[j], hyp[j + 1] = hyp[j + 1], hyp[j]
        name = f"{i:05d}.txt"
        with open(os.path.join(args.out, "ref", name), "w") as f:
            f.write("\n".join(sentences))
        with open(os.path.join(args.out, "hyp", name), "w") as f:
            f.write("\n".join(hyp))


if __name__ == "__main__":
    main()
