#!/usr/bin/env bash
# Join reaction time: from a receiver's IGMP report arriving at the router to the first multicast
# data packet the router forwards out of the receiver's interface, OpenMGM (kernel plane, IGMP on
# d1, its IGMP proxy owning up and d1) against igmpproxy, in the same run, each in fresh
# throwaway namespaces of the same topology:
#
#   snd 10.0.1.2 --- up 10.0.1.1 [router] d1 10.0.2.1 --- 10.0.2.2 rcv
#
# The sender already streams (RATE packets/s, TTL 8) to the trial's group before the receiver
# joins it, so the router holds an (S,G) entry without outgoing interfaces (or a pending one) and
# has to add d1 to it. Both timestamps come from one capture on the router's d1 (same clock);
# each trial uses a new group. Where the entry is resolved without outgoing interface (OpenMGM),
# the first packet forwarded is the next one to arrive: up to one packet interval (0.2 ms at
# 5000/s) late. Where it is pending (igmpproxy installs nothing for a group without members), the
# kernel releases the up to 4 packets it queued the moment the route is installed.
#
#   benchmarks/reaction/run.sh [TRIALS [RATE]]     default 20 trials, 5000 packets/s
#
# Needs root, igmpproxy and tshark (installed with apt-get when missing), python3 and JDK 25;
# builds the distribution when launcher/target/openmgm is absent. OMB_KEEP=1 keeps the logs;
# OMB_IGMP_VERSION=2 makes the receiver report in IGMPv2 for both routers (by default it speaks
# v3, and turns to v2 by itself where igmpproxy, a v2 querier, runs).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
me="reaction/run.sh"
trials="${1:-20}"
rate="${2:-5000}"
[[ "$trials" =~ ^[1-9][0-9]*$ && "$rate" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $me [TRIALS [RATE]]" >&2; exit 2; }
source "$root/benchmarks/lib/netns.sh"
omb_need_root
omb_need igmpproxy igmpproxy tshark tshark python3 python3
omb_distribution
demo="$omb_dist/lib/demo"
omb_say "$trials joins per router, sender at $rate packets/s; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

topology() { # topology NAME: fresh namespaces snd, rtr, rcv for one router
  omb_ns snd "$1-snd"; omb_ns rtr "$1-rtr"; omb_ns rcv "$1-rcv"
  omb_link "$snd" eth0 10.0.1.2/24 "$rtr" up 10.0.1.1/24
  omb_link "$rtr" d1 10.0.2.1/24 "$rcv" eth0 10.0.2.2/24
  ip -n "$snd" route add default via 10.0.1.1       # the sender's route (and the router's RPF:
  ip -n "$rcv" route add default via 10.0.2.1       # 10.0.1.0/24 is connected on up)
  [[ -z "${OMB_IGMP_VERSION:-}" ]] ||
    ip netns exec "$rcv" sysctl -q -w "net.ipv4.conf.eth0.force_igmp_version=$OMB_IGMP_VERSION"
}
hex() { local IFS=.; set -- $1; printf '%02X%02X%02X%02X' "$4" "$3" "$2" "$1"; }   # as /proc shows it
entry() { grep -m1 "^$(hex "$1") $(hex 10.0.1.2) " "/proc/${omb_anchor[$rtr]}/net/ip_mr_cache" || true; }

# trials NAME OCTET: the receiver, the capture on d1 and one join per trial to 239.OCTET.x.y.
trials() {
  local name="$1" dir="$omb_scratch/$1" i g w
  mkfifo "$dir/rcv.in"
  ip netns exec "$rcv" python3 -u "$root/benchmarks/reaction/joiner.py" eth0 5000 <"$dir/rcv.in" >"$dir/rcv.out" 2>&1 &
  rcv_pid=$!; omb_pids+=($!)
  exec 7>"$dir/rcv.in"
  omb_await_line "$dir/rcv.out" "^ready" 10 || omb_die "the receiver did not start"
  omb_spawn "$rtr" "$dir/capture.txt" env TMPDIR="$dir" tshark -i d1 -n -l -f "igmp or udp" -T fields -E separator=/t \
    -e frame.time_epoch -e ip.src -e ip.dst -e igmp.type -e igmp.maddr
  local capture=$omb_pid
  omb_await_line "$dir/capture.txt" "Capturing on" 30 || omb_die "tshark did not start"
  sleep 1
  : >"$dir/groups"; : >"$dir/before"
  for ((i = 1; i <= trials; i++)); do
    g="239.$2.$((i / 250)).$((i % 250 + 1))"
    omb_spawn "$snd" "$dir/sender.log" python3 "$demo/sender.py" 10.0.1.2 "$g" 5000 "$rate"
    local sender=$omb_pid
    for ((w = 0; w < 250; w++)); do [[ -n "$(entry "$g")" ]] && break; sleep 0.02; done
    sleep 0.3                                          # the router has seen the stream
    echo "$g $(entry "$g")" >>"$dir/before"
    echo "join $g" >&7
    if omb_await_line "$dir/rcv.out" "^rx $g\$" 5 2>/dev/null; then echo "$g" >>"$dir/groups"
    else echo "   trial $i: nothing reached the receiver on $g within 5 s" >&2; echo "$g FAILED" >>"$dir/groups"; fi
    echo "leave $g" >&7
    omb_stop "$sender" 5
    sleep 0.2
  done
  sleep 0.5
  omb_stop "$capture" 10
  exec 7>&-
  awk '{ n++; if (NF < 4) none++; else if ($4 == -1) pending++; else if (NF == 7) empty++; else other++ }
    END { printf "   the (S,G) before each join: %d resolved without outgoing interface, %d pending (unresolved," \
      " up to 4 packets queued), %d absent, %d other\n", empty, pending, none, other }' "$dir/before"
  python3 - "$name" "$dir/groups" "$dir/capture.txt" >"$dir/result" <<'PY'
import re, sys
name, groups, capture = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(capture) if re.match(r"\d+\.\d+\t.*\t.*\t.*\t", l)]
out, kinds = [], set()
for g in [l.split()[0] for l in open(groups) if not l.rstrip().endswith("FAILED")]:
    reports = [r for r in rows if len(r) > 4 and r[1] == "10.0.2.2" and r[3] and g in r[4].split(",")]
    if not reports:
        print(f"#  {g}: no report captured"); continue
    t_rep = float(reports[0][0]); kinds.add({"0x16": "v2", "0x22": "v3"}.get(reports[0][3], reports[0][3]))
    data = [float(r[0]) for r in rows if r[2] == g and not r[3] and float(r[0]) >= t_rep]
    if not data:
        print(f"#  {g}: no data after the report"); continue
    later = sum(1 for r in reports if float(r[0]) < data[0]) - 1
    out.append((data[0] - t_rep) * 1000)
    print(f"#  {g}: {out[-1]:.3f} ms" + (f" ({later} more report(s) before it)" if later else ""))
out.sort()
if out:
    p90 = out[min(len(out) - 1, -(-len(out) * 9 // 10) - 1)]
    print(f"{name} {len(out)} {out[len(out) // 2] if len(out) % 2 else (out[len(out) // 2 - 1] + out[len(out) // 2]) / 2:.3f}"
          f" {p90:.3f} {out[0]:.3f} {out[-1]:.3f} {'/'.join(sorted(kinds))}")
else:
    print(f"{name} 0 - - - - -")
PY
  grep '^#' "$dir/result" | sed 's/^#/  /'
}
finish() { # finish NAME PID: stops the router, checks the kernel tables, removes the namespaces
  omb_stop "$2" 60
  local mfc vif; mfc=$(omb_mfc_count "$rtr"); vif=$(omb_vif_count "$rtr")
  ((mfc + vif == 0)) || echo "   !! $1 left $mfc MFC entries and $vif VIFs after SIGTERM" | tee -a "$omb_scratch/leftovers"
  omb_stop "$rcv_pid" 5
  local ns; for ns in "$snd" "$rtr" "$rcv"; do omb_del_ns "$ns"; done
}

# ---------------------------------------------------------------------------------- OpenMGM
omb_say "OpenMGM: kernel plane, IGMP on d1, IGMP proxy (upstream up, downstream d1)"
mkdir -p "$omb_scratch/openmgm"
topology mgm
home="$omb_scratch/openmgm/router"
omb_openmgm_copy "$home"
echo "interface = d1" >"$home/etc/org.openmgm.igmp-d1.cfg"
printf 'upstream = up\ndownstream = d1\ninterfaces.target = (mgm.plane=linux)\nhostMembership.target = (mgm.plane=linux)\n' \
  >"$home/etc/org.openmgm.protocol.igmpproxy.cfg"
omb_openmgm_deploy "$home" openmgm-protocol-igmp-proxy.jar
omb_openmgm_start "$rtr" "$home"; jvm=$omb_pid
omb_await_line "$home/stdout.log" "OpenMGM ready" 120 || omb_die "OpenMGM did not start"
omb_await_line "$home/stdout.log" "IGMP proxy: upstream up" 30 || omb_die "OpenMGM: the IGMP proxy did not start"
sleep 2
trials openmgm 101
finish OpenMGM "$jvm"

# ---------------------------------------------------------------------------------- igmpproxy
omb_say "igmpproxy $(dpkg-query -W -f '${Version}' igmpproxy 2>/dev/null || true): upstream up, downstream d1"
mkdir -p "$omb_scratch/igmpproxy"
topology ipx
conf="$omb_scratch/igmpproxy/igmpproxy.conf"
printf 'phyint up upstream ratelimit 0 threshold 1\nphyint d1 downstream ratelimit 0 threshold 1\n' >"$conf"
omb_spawn "$rtr" "$omb_scratch/igmpproxy/igmpproxy.log" igmpproxy -d -v "$conf"; ipx=$omb_pid
for ((w = 0; w < 100; w++)); do (($(omb_vif_count "$rtr") >= 2)) && break; sleep 0.05; done
(($(omb_vif_count "$rtr") >= 2)) || omb_die "igmpproxy did not create its VIFs (log: $omb_scratch/igmpproxy/igmpproxy.log)"
sleep 2
trials igmpproxy 102
finish igmpproxy "$ipx"

# ---------------------------------------------------------------------------------- summary
echo
printf 'RESULT %-10s %6s %9s %9s %9s %9s  %s\n' "router" joins median p90 min max "reports"
while read -r n c med p90 min max kinds; do
  printf 'RESULT %-10s %6s %9s %9s %9s %9s  %s\n' "$n" "$c/$trials" "$med" "$p90" "$min" "$max" "IGMP$kinds"
done < <(cat "$omb_scratch/openmgm/result" "$omb_scratch/igmpproxy/result" | grep -v '^#')
echo "(milliseconds from the report to the first packet forwarded, both on d1; a router whose entry was resolved"
echo " without outgoing interface waits for the next packet: up to $(awk -v r="$rate" 'BEGIN { printf "%.2f", 1000 / r }') ms more)"
if [[ -s "$omb_scratch/leftovers" ]]; then sed 's/^ *!!/LEFTOVER/' "$omb_scratch/leftovers"; exit 1; fi
