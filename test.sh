#!/usr/bin/env bash
# Builds everything and runs every test project against real parts (SQLite files, the real host
# process, real HTTP). Ends with one line: "N passed, N failed".
#   ./test.sh            all tests
#   ./test.sh --soak     also the long runs (1M-row import) — see docs/BENCHMARKS.md
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
[[ "${1:-}" == "--soak" ]] && export OFFLOAD_SOAK=1

if ! dotnet build Offload.slnx -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; status=0
results=$(mktemp -d)
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" \
    --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true | grep -vE '^\s*$' || status=1
  trx="$results/$name.trx"
  if [[ -f "$trx" ]]; then
    p=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    f=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  else
    failed=$((failed + 1))
  fi
done
rm -rf "$results"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $status -eq 0 ]]
