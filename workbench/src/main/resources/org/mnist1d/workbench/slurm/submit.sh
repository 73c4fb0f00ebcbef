#!/bin/sh
# How `workbench submit` submitted this sweep ({{date}}); run it to submit the same jobs again.
# (`workbench submit CONFIG --to slurm --resume` submits only the points not done.)
set -eu
cd "$(dirname "$0")"
array=$(sbatch --parsable array.sbatch)
array=${array%%;*}
report=$(sbatch --parsable --dependency=afterany:$array report.sbatch)
echo "array job $array, report job ${report%%;*}"
