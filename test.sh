#!/usr/bin/env bash
# Builds everything and runs every test project against real parts (SQLite files, a throwaway
# PostgreSQL cluster, the real host process, real HTTP, a loopback SMTP server). Ends with one line:
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# --soak: instead of the suite, the load run (50 imports + 500 live streams for 60 s, tests/Offload.Web.Tests/SoakTests.cs).
soak=false
[[ "${1:-}" == "--soak" ]] && soak=true

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# What the tests need besides the .NET SDK, installed from Debian when missing (a fresh machine):
# PostgreSQL 15 server binaries (the tests start their own throwaway cluster with initdb/pg_ctl), PgBouncer
# (a throwaway one in transaction mode in front of that cluster) and
# Chromium (the browser tests drive /usr/bin/chromium; Playwright cannot download its own here).
missing=()
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql)
[[ -x /usr/sbin/pgbouncer ]] || missing+=(pgbouncer)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "installing ${missing[*]} (apt-get)"
  sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
         && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; }; then
    echo "could not install ${missing[*]}: run 'apt-get install -y ${missing[*]}' as root, then ./test.sh again"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

if ! dotnet build Offload.slnx -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; status=0; console=()
results=$(mktemp -d)

# run_tests <project> <label> <filter> [VAR=value ...]: runs one test project, adds its counts to the totals.
run_tests() {
  local project=$1 label=$2 filter=$3 started=$SECONDS; shift 3
  echo "== $label"
  env "$@" dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$label.trx" ${console[@]+"${console[@]}"} \
    ${filter:+--filter "$filter"} \
    --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true | grep -vE '^\s*$' || status=1
  local trx="$results/$label.trx" p f
  if [[ -f "$trx" ]]; then
    p=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    f=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  else
    failed=$((failed + 1))
  fi
  # Where the suite's time goes, so the budget (~20 minutes on 2 cores) can be kept.
  echo "== $label: $((SECONDS - started)) s"
}

if $soak; then
  # The detailed console logger prints the run's numbers (jobs, rows, events, errors, peak RSS).
  console=(--logger "console;verbosity=detailed")
  run_tests tests/Offload.Web.Tests/Offload.Web.Tests.csproj Offload.Soak "Category=Soak"
  rm -rf "$results"
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 && $status -eq 0 ]]
  exit
fi

for project in tests/*.Tests/*.csproj; do
  run_tests "$project" "$(basename "$project" .csproj)" "Category!=Soak"
done
# The whole HTTP suite once more on PostgreSQL (a throwaway cluster the tests start themselves);
# the many-nodes and database-restart tests are PostgreSQL-only already and ran above.
run_tests tests/Offload.Web.Tests/Offload.Web.Tests.csproj Offload.Web.Tests.Postgres \
  "FullyQualifiedName!~MultiNodeTests&FullyQualifiedName!~DatabaseRestartTests&Category!=Soak" \
  OFFLOAD_TEST_STORE=postgres
# The benchmarks at smoke sizes (a minute, every scenario and table), so the bench cannot rot: one test,
# failed if the program crashes or a scenario throws. It measures nothing worth reading at these sizes.
echo "== Offload.Bench (smoke)"
if dotnet bench/Offload.Bench/bin/Release/net10.0/Offload.Bench.dll --smoke >"$results/bench.txt" 2>&1; then
  passed=$((passed + 1)); echo "bench smoke passed"
else
  failed=$((failed + 1)); status=1; echo "bench smoke failed:"; tail -40 "$results/bench.txt"
fi
rm -rf "$results"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $status -eq 0 ]]
