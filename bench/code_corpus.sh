#!/usr/bin/env bash
# Times `dyad code` end to end over a corpus and prints sentences/s and peak memory (median of runs).
#   bench/code_corpus.sh [CORPUS.jsonl] [RUNS] [THREADS...]
# Without a corpus it builds one in a temp dir from the raw sentences of the UD training treebanks
# in ../shared/data (EWT and VTB train: about 14,000 sentences of web text and news; 10 sentences
# per article, one paragraph each, so the treebank's sentence boundaries stay; nothing is written
# into the repository). Besides the wall-clock rate it prints the rate after model loading (the
# median time of coding two one-sentence articles subtracted), the figure that scales with corpus size.
set -euo pipefail
cd "$(dirname "$0")/.."
dyad=${DYAD:-build/dyad}
corpus="${1:-}"
runs="${2:-5}"
shift 2 || true
threads=("$@")
[ ${#threads[@]} -eq 0 ] && threads=(1 2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$corpus" ]; then
  corpus="$tmp/corpus.jsonl"
  for f in ../shared/data/ud/en_ewt/en_ewt-ud-train.conllu ../shared/data/ud/vi_vtb/vi_vtb-ud-train.conllu; do
    [ -f "$f" ] || { echo "code_corpus: $f not found (../shared/data is needed to build the corpus)" >&2; exit 1; }
  done
  python3 - "$corpus" ../shared/data/ud/en_ewt/en_ewt-ud-train.conllu ../shared/data/ud/vi_vtb/vi_vtb-ud-train.conllu <<'PY'
import json, sys
out = open(sys.argv[1], "w", encoding="utf-8")
for path in sys.argv[2:]:
    # EWT writes "# text = ...", VTB "# text =..." (no space): both are the sentence text.
    texts = [l.split("=", 1)[1].strip() for l in open(path, encoding="utf-8") if l.startswith("# text =")]
    for i in range(0, len(texts), 10):
        out.write(json.dumps({"id": f"{path.split('/')[-1]}-{i}", "text": "\n\n".join(texts[i:i+10])}, ensure_ascii=False) + "\n")
PY
fi
"$dyad" sentences "$corpus" | grep -v '^# article' | cut -f2,3 >"$tmp/languages"
sentences=$(wc -l <"$tmp/languages")
tokens=$(awk -F'\t' '{n += $2} END {print n}' "$tmp/languages")
by_language=$(cut -f1 "$tmp/languages" | sort | uniq -c | awk '{printf "%s%d %s", (NR > 1 ? ", " : ""), $1, $2}')
echo "corpus: $corpus ($sentences sentences: $by_language; $tokens tokens, $(wc -c <"$corpus") bytes), $runs runs each"
printf '{"id": "load", "text": "The minister met his counterpart."}\n{"id": "load-vi", "text": "Bộ trưởng gặp người đồng cấp."}\n' >"$tmp/one.jsonl"
loads=()
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e" -o "$tmp/time" "$dyad" code --quiet --threads 1 "$tmp/one.jsonl" >/dev/null
  loads+=("$(cat "$tmp/time")")
done
load_s=$(printf '%s\n' "${loads[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "start-up (load models and dictionaries, code two sentences): median $load_s s"
for t in "${threads[@]}"; do
  times=()
  mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$dyad" code --quiet --threads "$t" "$corpus" >/dev/null
    read -r secs kb <"$tmp/time"
    times+=("$secs")
    mems+=("$kb")
  done
  median_s=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  median_kb=$(printf '%s\n' "${mems[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v t="$t" -v s="$median_s" -v n="$sentences" -v w="$tokens" -v kb="$median_kb" -v l="$load_s" \
    'BEGIN {printf "threads %d: median %.3f s, %.0f sentences/s (%.0f tokens/s), %.0f sentences/s after start-up, peak RSS %.1f MB\n", t, s, (s > 0 ? n / s : 0), (s > 0 ? w / s : 0), (s > l ? n / (s - l) : 0), kb / 1024}'
done
