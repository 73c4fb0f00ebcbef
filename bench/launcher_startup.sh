#!/usr/bin/env bash
# Start-up with and without the launcher's class-data archive: bin/workbench (which uses the
# archive, writing it first if this build has none) against WORKBENCH_CDS=off bin/workbench, on
# three short commands, alternated REPETITIONS times (default 4). Prints one line per repetition
# and mode with the wall seconds of each command and the load average. Run it on an idle machine.
#
#   bench/launcher_startup.sh [REPETITIONS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
reps=${1:-4}
work="$(mktemp -d "${TMPDIR:-/tmp}/launcher-startup.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bin/workbench run configs/quickstart.yaml --set training.steps=10 --runs-dir "$work/warm" --quiet \
  >/dev/null # builds the jar and the archive if needed, outside the timings
plain=(env WORKBENCH_CDS=off bin/workbench)
seconds() {
  local s
  s=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  echo "$(date +%s.%N) - $s" | bc
}
echo "launcher_startup: $(nproc) cores, $reps repetition(s), $(date -u +%Y-%m-%dT%H:%MZ), $(java -version 2>&1 | head -1)"
for rep in $(seq "$reps"); do
  for mode in archive plain; do
    if [ "$mode" = archive ]; then wb=(bin/workbench); else wb=("${plain[@]}"); fi
    rm -rf "$work/runs"
    load=$(cut -d' ' -f1 /proc/loadavg)
    a=$(seconds "${wb[@]}" run configs/quickstart.yaml --set training.steps=50 --runs-dir "$work/runs/q" --quiet)
    b=$(seconds "${wb[@]}" status configs/classification-quick.yaml)
    c=$(seconds "${wb[@]}" run configs/classification-quick.yaml --jobs 2 --only 0-3 --runs-dir "$work/runs/j" --quiet)
    printf 'repetition %d, %-7s run quickstart (50 steps) %5.2f s, status %5.2f s, --jobs 2 --only 0-3 %5.2f s (load before: %s)\n' \
      "$rep" "$mode:" "$a" "$b" "$c" "$load"
  done
done
