#!/usr/bin/env bash
# Benchmarks for bench/RESULTS.md. Loopback only; every run is bounded in time.
#   bench/run.sh                 reader site and newsroom (about 9 minutes)
#   bench/run.sh reader          reader site only (issue 2)
#   bench/run.sh newsroom        newsroom pages and publish-to-visible only (issue 3; about 2 minutes)
#   WRK_SECONDS=5 bench/run.sh   a quick look
set -euo pipefail
mode=${1:-all}
case $mode in all|reader|newsroom) ;; *) echo "usage: bench/run.sh [all|reader|newsroom]" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
root=$(pwd)
corpus=${WARTA_CORPUS:-$root/../shared/data/id-news-sample.jsonl}
seconds=${WRK_SECONDS:-20}
out=$root/bench/out
app="dotnet $out/app/Warta.dll"
tool="dotnet $root/bench/Warta.Bench/bin/Release/net10.0/Warta.Bench.dll"
warta=http://127.0.0.1:5100
static=http://127.0.0.1:8081
export Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1

[ -f "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 2; }
if [ "$mode" != newsroom ]; then
  command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "needs wrk and nginx (apt-get install wrk nginx)" >&2; exit 2; }
fi
rm -rf "$out"; mkdir -p "$out/www"
# The production build: published with ReadyToRun, as README's production section deploys it.
dotnet publish "$root/src/Warta" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/app" -v q -nologo >/dev/null
dotnet build "$root/bench/Warta.Bench" -c Release -v q -nologo >/dev/null
cd "$out"

pid=""
stop_server() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=""; }
start_server() { $app --urls $warta "$@" > server.log 2>&1 & pid=$!; until curl -sf -o /dev/null $warta/; do sleep 0.01; done; }
trap 'stop_server; [ -f nginx.pid ] && kill "$(cat nginx.pid)" 2>/dev/null' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
rps() { wrk -t2 -c50 -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }

echo "== machine"; nproc; grep -m1 'model name' /proc/cpuinfo; free -g | awk '/Mem/ {print $2 " GiB"}'

echo "== import jsonl ($corpus)"
/usr/bin/time -f "import_max_rss_kb=%M" $app import jsonl "$corpus" > import.txt 2> import.err || true
tail -n 2 import.txt; grep import_max_rss_kb import.err; echo "bad_lines=$(grep -c '^baris' import.err || true)"

if [ "$mode" != newsroom ]; then
echo "== start to first page (fresh process, store already imported)"
for i in 1 2 3; do
  start=$(date +%s%N); start_server; end=$(date +%s%N); stop_server
  echo $(( (end - start) / 1000000 ))
done | tee start.txt | median | sed 's/^/start_to_first_page_ms_median=/'

$tool urls data/warta.db urls.txt
export URLS=$out/urls.txt

echo "== cached article page: Warta vs nginx serving the same bytes"
start_server
article=$(sed -n "$(( $(wc -l < urls.txt) / 2 ))p" urls.txt)
curl -s "$warta$article" -o www/article.html
curl -s "$warta$article" -o /dev/null -D - | grep -i '^age' >/dev/null || curl -s "$warta$article" -o /dev/null
echo "article=$article bytes=$(stat -c %s www/article.html)"
cat > nginx.conf <<NGINX
worker_processes auto;
pid $out/nginx.pid;
error_log $out/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types { text/html html; }
  server { listen 127.0.0.1:8081; root $out/www; location / { default_type "text/html; charset=utf-8"; } }
}
NGINX
nginx -c "$out/nginx.conf" -p "$out"
sleep 0.5
for round in 1 2 3; do
  echo "warta $(rps "$warta$article")" | tee -a throughput.txt
  echo "nginx $(rps "$static/article.html")" | tee -a throughput.txt
done
w=$(awk '$1=="warta" {print $2}' throughput.txt | median); n=$(awk '$1=="nginx" {print $2}' throughput.txt | median)
echo "warta_rps_median=$w nginx_rps_median=$n ratio=$(awk -v w="$w" -v n="$n" 'BEGIN {printf "%.2f", w/n}')"
kill "$(cat nginx.pid)"; rm -f nginx.pid

echo "== memory after a minute of load over every article (page cache on, every request a different page)"
wrk -t2 -c50 -d60s -s "$root/bench/urls.lua" $warta | awk '/Requests\/sec/ {print "all_articles_rps=" $2}'
grep -E 'VmRSS|VmHWM' /proc/$pid/status
stop_server
echo "== the same, with the heap bounded as in a 256 MB container (DOTNET_GCHeapHardLimit=192 MB)"
DOTNET_GCHeapHardLimit=0xC000000 start_server
wrk -t2 -c50 -d60s -s "$root/bench/urls.lua" $warta | awk '/Requests\/sec/ {print "all_articles_rps=" $2} /Non-2xx/ {print}'
grep -E 'VmRSS|VmHWM' /proc/$pid/status
stop_server

echo "== cache-miss render latency (page cache off, all articles round-robin, one connection)"
start_server --Warta:PageCache:Enabled=false
echo "warm-up (15 s, not counted):"; $tool latency $warta urls.txt 15
echo "measured (30 s):"; $tool latency $warta urls.txt 30
grep -E 'VmRSS|VmHWM' /proc/$pid/status
stop_server
fi

if [ "$mode" != reader ]; then
  echo "== newsroom: a network admin made with the CLI, signed in through /redaksi/masuk; an API token for publishing"
  email=bench@warta.test
  password=$(head -c 18 /dev/urandom | base64)
  echo "$password" | $app user add "$email" --role network-admin --name "Bench" > /dev/null
  token=$($app token create --email "$email" --name bench 2> /dev/null)
  start_server
  echo "loadavg before: $(cat /proc/loadavg)"
  BENCH_PASSWORD=$password BENCH_TOKEN=$token $tool newsroom $warta data/warta.db "$email" "${NEWSROOM_REQUESTS:-1000}" "${PUBLISHES:-30}" "${SCHEDULED:-10}" | tee newsroom.txt
  echo "loadavg after: $(cat /proc/loadavg)"
  grep -E 'VmRSS|VmHWM' /proc/$pid/status
  stop_server
fi
