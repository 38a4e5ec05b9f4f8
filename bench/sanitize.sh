#!/usr/bin/env bash
# Hostile article bodies and live entries (issue finding 2): the sanitizer in process, then the same
# bodies through POST /api/v1/articles and POST /api/v1/live/<slug>/entries. Loopback only, about a minute.
#   bench/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/bench/out/sanitize
app="dotnet $out/app/Warta.dll"
tool="dotnet $root/bench/Warta.Bench/bin/Release/net10.0/Warta.Bench.dll"
slug=arus-balik-libur-akhir-tahun-di-tol-trans-jawa-pantauan-24-jam
base=http://127.0.0.1:5301
export Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1

rm -rf "$out"; mkdir -p "$out/data"
dotnet publish "$root/src/Warta" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/app" -v q -nologo >/dev/null
dotnet build "$root/bench/Warta.Bench" -c Release -v q -nologo >/dev/null
cd "$out"

echo "== in process (ArticleHtml.Sanitize, 5 rounds each)"
$tool sanitize 5

pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null' EXIT
$app --urls $base > server.log 2>&1 & pid=$!
until curl -sf -o /dev/null $base/healthz; do sleep 0.05; done
echo 'uji sanitasi 2026' | $app user add meja@bench.test --role editor --site nasional --name "Meja Uji" > /dev/null
token=$($app token create --email meja@bench.test --name bench 2>/dev/null | tail -n 1)

repeat() { python3 -c "import sys; sys.stdout.write(sys.argv[1] * int(sys.argv[2]))" "$1" "$2"; }
body() { python3 -c "import json, sys; print(json.dumps({'site': 'nasional', 'section': 'ekonomi', 'headline': 'Uji', 'summary': '', 'bodyHtml': sys.stdin.read()}))"; }
entry() { python3 -c "import json, sys; print(json.dumps({'bodyHtml': sys.stdin.read()}))"; }
repeat '<div>' 200000 | body > nested-1mb.json
repeat '<div>' 99999 | body > nested-500kb.json
repeat '<b>' 150000 | body > nested-b.json
repeat '<p>Wali Kota Solo meresmikan <strong>pasar baru</strong> di Jebres.</p>' 120 | body > ordinary.json
repeat '<div>' 200000 | entry > entry-1mb.json
repeat '<div>' 3999 | entry > entry-20kb.json

echo "== over HTTP (curl time_total, median of 5)"
post() { # path, file
  local times=() status=""
  for _ in 1 2 3 4 5; do
    read -r status t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "@$2" "$base$1")
    times+=("$t")
  done
  printf '%-20s %-36s %s %s s\n' "$2" "${1/$slug/<slug>}" "$status" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
}
post /api/v1/articles nested-1mb.json
post /api/v1/articles nested-500kb.json
post /api/v1/articles nested-b.json
post /api/v1/articles ordinary.json
post /api/v1/live/$slug/entries entry-1mb.json
post /api/v1/live/$slug/entries entry-20kb.json
