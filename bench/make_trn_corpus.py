#!/usr/bin/env python3
"""Deterministic Danish trn corpus for bench/score_trn_vs_sclite.sh.

Writes REF.trn and HYP.trn: UTTERANCES utterances of ~18 words from a Danish job-centre vocabulary
(æ, ø, å included, some words capitalised), spread over speakers; the hypothesis has ~12 % word
errors (substitutions, deletions, insertions). A few reference words are optional "(word)" and a few
are alternatives "{ a / b / @ }", as sclite's trn format allows. Same seed, same files.

usage: make_trn_corpus.py REF.trn HYP.trn [--utterances 55000] [--seed 1]
"""
import argparse
import random

STEMS = """
jeg du han hun vi i de det den der som og eller men ikke også kun bare nu så da når hvis fordi at
er var har havde skal skulle vil ville kan kunne må måtte bliver blev får fik går gik kommer kom
ser så siger sagde tager tog giver gav finder fandt søger søgte arbejder arbejdede ringer ringede
job arbejde arbejdsgiver ansøgning ansøgninger samtale jobsamtale møde møder aftale aftaler kursus
praktik løntilskud fleksjob ressourceforløb dagpenge kontanthjælp ydelse ydelser sygedagpenge
sygemelding læge lægeattest helbred ryg skulder knæ smerter behandling genoptræning psykolog
sagsbehandler jobkonsulent virksomhedskonsulent jobcenter jobcentret kommune kommunen borger borgeren
ledighed ledig ledige a-kasse a-kassen fagforening uddannelse uddannelsen opkvalificering
mandag tirsdag onsdag torsdag fredag lørdag søndag uge ugen måned måneden år året dag dagen
morgen eftermiddag aften klokken tid tiden timer minutter næste sidste første anden tredje
god godt dårlig dårligt svært nemt let hurtigt langsomt lidt meget mere mest mindre mindst
hjem hjemme familie børn barn børnene kone mand kæreste mor far søster bror
bil cykel bus tog transport køretid afstand timer kilometer
københavn århus aarhus odense aalborg esbjerg randers kolding horsens vejle roskilde næstved
cv profil jobnet jobloggen joblog plan planen handleplan mål målet
øh øhm altså jo nej ja okay fint tak selvfølgelig præcis nemlig måske egentlig faktisk
økonomi økonomien husleje regninger gæld budget penge kroner løn lønnen timeløn
været blevet gjort fået sagt set kørt hørt læst skrevet sendt ringet søgt
""".split()

CAPITALISED = ["København", "Århus", "Odense", "Aalborg", "Esbjerg", "Jobcentret", "Mette", "Søren", "Ærø",
               "Ålborg", "Østerbro", "Nørrebro"]


def vocabulary():
    words = list(STEMS) + CAPITALISED
    # Compounds and inflections make the vocabulary realistic in size (a few thousand types).
    endings = ["", "en", "et", "er", "erne", "ens", "s"]
    rng = random.Random(7)
    for _ in range(4000):
        a, b = rng.choice(STEMS), rng.choice(STEMS)
        words.append(a + b + rng.choice(endings))
    return sorted(set(words))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ref")
    parser.add_argument("hyp")
    parser.add_argument("--utterances", type=int, default=55000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    vocab = vocabulary()
    # A frequent core, as in speech, plus a long tail.
    common = sorted(set(STEMS + CAPITALISED))

    def word():
        return rng.choice(common) if rng.random() < 0.85 else rng.choice(vocab)

    speakers = [f"spk{k:03d}" for k in range(200)]
    with open(args.ref, "w", encoding="utf-8") as ref, open(args.hyp, "w", encoding="utf-8") as hyp:
        for u in range(args.utterances):
            spk = speakers[rng.randrange(len(speakers))]
            uid = f"{spk}-{u:06d}"
            n = max(1, int(rng.gauss(19, 6)))
            r, h = [], []
            for _ in range(n):
                w = word()
                said = w
                kind = rng.random()
                if kind < 0.01:
                    r.append(f"({w})")
                    if rng.random() < 0.5:
                        continue
                elif kind < 0.02:
                    other = word()
                    r.append(f"{{ {w} / {other} / @ }}")
                    said = w if rng.random() < 0.6 else other
                else:
                    r.append(w)
                e = rng.random()
                if e < 0.04:
                    continue  # deletion
                if e < 0.10:
                    said = word()  # substitution
                h.append(said)
                if e > 0.98:
                    h.append(word())  # insertion
            ref.write(" ".join(r) + f" ({uid})\n")
            hyp.write(" ".join(h) + f" ({uid})\n")


if __name__ == "__main__":
    main()
