#!/usr/bin/env bash
# Live report load (issue 4): readers on one report over SSE while a desk posts. Loopback only, bounded.
#   bench/live.sh                 10,000 readers, 5 minutes on one node; the bare-sockets floor, 2 minutes;
#                                 then 2 nodes + Redis, 2 minutes, and the same with two bare-sockets nodes
#   READERS=2000 SECONDS_ONE=60 SECONDS_FLOOR=60 SECONDS_TWO=30 bench/live.sh    a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
readers=${READERS:-10000}
one=${SECONDS_ONE:-300}
two=${SECONDS_TWO:-120}
floor=${SECONDS_FLOOR:-120}
redis=${WARTA_BENCH_REDIS:-127.0.0.1:6379}
out=$root/bench/out/live
app="dotnet $out/app/Warta.dll"
tool="dotnet $root/bench/Warta.Bench/bin/Release/net10.0/Warta.Bench.dll"
slug=arus-balik-libur-akhir-tahun-di-tol-trans-jawa-pantauan-24-jam
export Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
ulimit -n "$(ulimit -Hn)" # 10,000 readers need 10,000 sockets on each side

rm -rf "$out"; mkdir -p "$out/data"
dotnet publish "$root/src/Warta" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/app" -v q -nologo >/dev/null
dotnet build "$root/bench/Warta.Bench" -c Release -v q -nologo >/dev/null
cd "$out"

pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
trap stop_all EXIT
start() { # port, extra environment...
  local port=$1; shift
  env "$@" $app --urls "http://127.0.0.1:$port" > "server-$port.log" 2>&1 & pids+=($!)
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.05; done
}
watch_rss() { # pid -> prints the peak RSS in MB when killed
  local peak=0; while kill -0 "$1" 2>/dev/null; do
    local rss; rss=$(awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
    (( rss > peak )) && peak=$rss; echo "$peak" > "rss-$1.txt"; sleep 1; done
}

echo "== machine"; nproc; grep -m1 'model name' /proc/cpuinfo; free -g | awk '/Mem/ {print $2 " GiB"}'

start 5201
echo 'meja live bench 2026' | $app user add desk@bench.test --role editor --site nasional --name "Meja Live" > /dev/null
export BENCH_TOKEN=$($app token create --email desk@bench.test --name bench | tail -n 1)

echo "== one node: $readers readers, 50 stalled, an entry a second and 10 every 30 s, ${one} s"
watch_rss "${pids[0]}" & watcher=$!
$tool live http://127.0.0.1:5201 http://127.0.0.1:5201 $slug "$readers" 50 "$one" 30 || echo "(the run reported lost, doubled or reordered events)"
kill $watcher 2>/dev/null || true
echo "server_peak_rss_mb=$(( $(cat "rss-${pids[0]}.txt") / 1024 ))"
echo "readers_dropped_for_falling_behind=$(grep -c 'was disconnected' server-5201.log || true)"
stop_all

echo "== the floor: the same readers and desk against bare sockets (no framework, no store), ${floor} s"
$tool live-floor 5203 $(( floor + 300 )) > floor.log 2>&1 & pids+=($!)
until grep -q listening floor.log 2>/dev/null; do sleep 0.05; done
$tool live http://127.0.0.1:5203 http://127.0.0.1:5203 floor "$readers" 50 "$floor" 30 || echo "(the run reported lost, doubled or reordered events)"
stop_all
echo "floor_readers_dropped=$(tail -n 1 floor.log | grep -o '[0-9]* in all' || echo 0)"

redis-cli -h "${redis%:*}" -p "${redis#*:}" ping > /dev/null || { echo "no Redis at $redis; skipping the two-node run" >&2; exit 0; }
echo "== two nodes + Redis: readers on node B, the desk posts to node A, ${two} s"
start 5201 Warta__Redis="$redis" Warta__Live__RedisChannelPrefix="bench-$$:" Warta__PageCache__RedisInstanceName="bench-$$:"
start 5202 Warta__Redis="$redis" Warta__Live__RedisChannelPrefix="bench-$$:" Warta__PageCache__RedisInstanceName="bench-$$:"
watch_rss "${pids[1]}" & watcher=$!
$tool live http://127.0.0.1:5202 http://127.0.0.1:5201 $slug "$readers" 50 "$two" 30 || echo "(the run reported lost, doubled or reordered events)"
kill $watcher 2>/dev/null || true
echo "node_b_peak_rss_mb=$(( $(cat "rss-${pids[1]}.txt") / 1024 ))"
echo "readers_dropped_for_falling_behind=$(grep -c 'was disconnected' server-5202.log || true)"
stop_all

echo "== the two-node floor: bare-sockets nodes A and B relaying through the same Redis, readers on B, ${two} s"
$tool live-floor 5203 $(( two + 300 )) "$redis" "bench-$$:floor" > floor-a.log 2>&1 & pids+=($!)
$tool live-floor 5204 $(( two + 300 )) "$redis" "bench-$$:floor" > floor-b.log 2>&1 & pids+=($!)
until grep -q listening floor-a.log 2>/dev/null && grep -q listening floor-b.log 2>/dev/null; do sleep 0.05; done
$tool live http://127.0.0.1:5204 http://127.0.0.1:5203 floor "$readers" 50 "$two" 30 || echo "(the run reported lost, doubled or reordered events)"
