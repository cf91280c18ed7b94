#!/usr/bin/env bash
# Captures golden IGMP messages from the running Linux kernel, for GoldenVectorsTest.
#
# Every message is sent by a real kernel inside network namespaces that this script creates and
# deletes itself (omgm-gv-host, omgm-gv-lis, omgm-gv-qry); it never touches the machine's own
# interfaces. Host reports and leaves: a "host" namespace joins groups with ordinary UDP sockets
# (IP_ADD_MEMBERSHIP, IP_ADD_SOURCE_MEMBERSHIP, ...) on a veth whose peer is in the "listener"
# namespace. Queries: a Linux bridge with mcast_querier 1 in a "querier" namespace, its port's
# veth peer again in the listener namespace, where the listener itself joins and leaves groups so
# that the bridge sends group- and group-and-source-specific queries. tcpdump on the listener's
# interfaces writes pcap files; the IGMP payload (after the IP header) of the first message of the
# wanted kind in each step becomes one <name>.hex file: a comment line, then one line of hex.
#
# Usage (root): capture.sh [output-dir]   (default: the directory of this script)
# Needs: ip (iproute2), tcpdump, python3. Idempotent: rerunning replaces the .hex files.
set -euo pipefail

OUT=$(readlink -f "${1:-$(dirname "$(readlink -f "$0")")}")
NS_HOST=omgm-gv-host
NS_LIS=omgm-gv-lis
NS_QRY=omgm-gv-qry
WORK=$(mktemp -d /tmp/omgm-golden.XXXXXX)
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for ns in "$NS_HOST" "$NS_LIS" "$NS_QRY"; do
        ip netns del "$ns" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ $(id -u) -eq 0 ]] || { echo "capture.sh: run as root (network namespaces)" >&2; exit 1; }
for tool in ip tcpdump python3; do
    command -v "$tool" >/dev/null || { echo "capture.sh: $tool is missing (apt-get install -y iproute2 tcpdump python3)" >&2; exit 1; }
done
mkdir -p "$OUT"

# The host's socket actions; each step writes "<label> <unix time>" to the marker file first.
cat >"$WORK/act.py" <<'PY'
import socket, struct, sys, time
IP_ADD_SOURCE_MEMBERSHIP, IP_DROP_SOURCE_MEMBERSHIP = 39, 40   # linux/in.h
scenario, ifaddr, markers = sys.argv[1], sys.argv[2], sys.argv[3]
a = socket.inet_aton
def mark(label):
    with open(markers, "a") as f:
        f.write(f"{label} {time.time():.6f}\n")
def asm(group):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, a(group) + a(ifaddr))
    return s
def ssm(s, op, group, source):   # struct ip_mreq_source on Linux: multiaddr, interface, sourceaddr
    s.setsockopt(socket.IPPROTO_IP, op, a(group) + a(ifaddr) + a(source))
if scenario == "asm":             # join, hold, leave (close)
    group = sys.argv[4]
    mark("join"); s = asm(group); time.sleep(3)
    mark("leave"); s.close(); time.sleep(2)
elif scenario == "ssm":           # two sources, then drop one, then all
    group, s1, s2 = sys.argv[4:7]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    mark("join"); ssm(s, IP_ADD_SOURCE_MEMBERSHIP, group, s1); ssm(s, IP_ADD_SOURCE_MEMBERSHIP, group, s2)
    time.sleep(3)
    mark("drop-one"); ssm(s, IP_DROP_SOURCE_MEMBERSHIP, group, s1); time.sleep(3)
    mark("leave"); s.close(); time.sleep(3)
elif scenario == "v3-queries":    # ASM + SSM membership, answer a general query, then trigger specific queries
    asm_group, ssm_group, s1, s2 = sys.argv[4:8]
    mark("join"); g = asm(asm_group)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    ssm(s, IP_ADD_SOURCE_MEMBERSHIP, ssm_group, s1); ssm(s, IP_ADD_SOURCE_MEMBERSHIP, ssm_group, s2)
    time.sleep(3)
    mark("answer"); time.sleep(12)   # the next startup general query; answers within Max Resp Time (10 s)
    mark("drop-one"); ssm(s, IP_DROP_SOURCE_MEMBERSHIP, ssm_group, s1); time.sleep(4)
    mark("leave"); g.close(); time.sleep(4)
else:
    sys.exit("unknown scenario " + scenario)
PY

# Extracts IGMP payloads from a pcap (Ethernet link type) and writes the selected golden files.
cat >"$WORK/extract.py" <<'PY'
import struct, sys
def packets(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    e = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    nano = magic in (0xa1b23c4d, 0x4d3cb2a1)
    linktype = struct.unpack(e + "I", data[20:24])[0]
    assert linktype == 1, "expected Ethernet captures, got link type %d" % linktype
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(e + "IIII", data[off:off + 16])
        frame = data[off + 16:off + 16 + incl]
        off += 16 + incl
        if len(frame) < 34 or frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        ihl, total, proto = (ip[0] & 0x0F) * 4, struct.unpack(">H", ip[2:4])[0], ip[9]
        if proto == 2:
            yield sec + frac / (1e9 if nano else 1e6), ip[ihl:total]
def records(p):   # (type, group, sources) of an IGMPv3 report
    out, off = [], 8
    for _ in range(struct.unpack(">H", p[6:8])[0]):
        t, aux, n = p[off], p[off + 1], struct.unpack(">H", p[off + 2:off + 4])[0]
        out.append((t, p[off + 4:off + 8], [p[off + 8 + 4 * i:off + 12 + 4 * i] for i in range(n)]))
        off += 8 + 4 * n + 4 * aux
    return out
def markers(path):
    with open(path) as f:
        return [(l.split()[0], float(l.split()[1])) for l in f if l.strip()]
pcap, markfile, out, kernel = sys.argv[1:5]
pkts = list(packets(pcap))
marks = markers(markfile)
def window(label):
    names = [m[0] for m in marks]
    start = marks[names.index(label)][1]
    later = [t for _, t in marks if t > start]
    return start, (min(later) if later else float("inf"))
# Each selection: file name, marker label, predicate over the payload, description.
for spec in sys.argv[5:]:
    name, label, kind, desc = spec.split("|", 3)
    start, end = window(label)
    def ok(p):
        t = p[0]
        if kind == "report-v1": return t == 0x12
        if kind == "report-v2": return t == 0x16
        if kind == "leave": return t == 0x17
        if kind == "report-v3": return t == 0x22
        if kind == "report-v3-multi": return t == 0x22 and len(records(p)) >= 2
        if kind == "query-general": return t == 0x11 and p[4:8] == b"\0\0\0\0"
        if kind == "query-group": return t == 0x11 and p[4:8] != b"\0\0\0\0" and (len(p) < 12 or p[10:12] == b"\0\0")
        if kind == "query-group-source": return t == 0x11 and len(p) >= 12 and p[10:12] != b"\0\0"
        raise SystemExit("unknown kind " + kind)
    found = [p for ts, p in pkts if start <= ts < end and ok(p)]
    if not found:
        raise SystemExit("capture.sh: no %s message after marker %s for %s" % (kind, label, name))
    with open("%s/%s.hex" % (out, name), "w") as f:
        f.write("# %s; captured from Linux %s by capture.sh\n%s\n" % (desc, kernel, found[0].hex()))
    print("  %-34s %s" % (name + ".hex", found[0].hex()))
PY

KERNEL=$(uname -r)
start_capture() {   # namespace interface pcap-file; returns once tcpdump listens
    local ns=$1 ifc=$2 file=$3
    ip netns exec "$ns" tcpdump -U -i "$ifc" -w "$file" igmp 2>"$file.err" &
    PIDS+=($!)
    for _ in $(seq 50); do grep -q "listening on" "$file.err" && return 0; sleep 0.1; done
    echo "capture.sh: tcpdump did not start: $(cat "$file.err")" >&2; return 1
}
stop_capture() {
    local pid=${PIDS[-1]}
    sleep 0.5; kill "$pid"; wait "$pid" 2>/dev/null || true
    unset 'PIDS[-1]'
}
reset_namespaces() {
    for ns in "$NS_HOST" "$NS_LIS" "$NS_QRY"; do ip netns del "$ns" 2>/dev/null || true; done
    for ns in "$NS_HOST" "$NS_LIS" "$NS_QRY"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
}

echo "capture.sh: host reports and leaves (Linux $KERNEL)"
reset_namespaces
ip -n "$NS_HOST" link add h0 type veth peer name l0 netns "$NS_LIS"
ip -n "$NS_HOST" addr add 10.99.0.1/24 dev h0
ip -n "$NS_LIS" addr add 10.99.0.2/24 dev l0
ip -n "$NS_HOST" link set h0 up
ip -n "$NS_LIS" link set l0 up
sleep 1
host_run() {   # force-version scenario args...
    local force=$1; shift
    ip netns exec "$NS_HOST" sysctl -qw "net.ipv4.conf.h0.force_igmp_version=$force"
    ip netns exec "$NS_HOST" python3 "$WORK/act.py" "$1" 10.99.0.1 "$WORK/$1-v$force.marks" "${@:2}"
}
start_capture "$NS_LIS" l0 "$WORK/host.pcap"
: >"$WORK/asm-v1.marks" >"$WORK/asm-v2.marks" >"$WORK/asm-v0.marks" >"$WORK/ssm-v0.marks"
host_run 1 asm 239.1.1.1
host_run 2 asm 239.1.2.2
host_run 0 asm 239.1.3.3
host_run 0 ssm 232.1.4.4 10.99.0.100 10.99.0.101
stop_capture
x() { python3 "$WORK/extract.py" "$WORK/host.pcap" "$1" "$OUT" "$KERNEL" "${@:2}"; }
x "$WORK/asm-v1.marks" "v1-report|join|report-v1|IGMPv1 report, 239.1.1.1 (force_igmp_version=1, join)"
x "$WORK/asm-v2.marks" "v2-report|join|report-v2|IGMPv2 report, 239.1.2.2 (force_igmp_version=2, join)" \
    "v2-leave|leave|leave|IGMPv2 leave, 239.1.2.2 (force_igmp_version=2, socket closed)"
x "$WORK/asm-v0.marks" "v3-asm-join|join|report-v3|IGMPv3 report, ASM join of 239.1.3.3: CHANGE_TO_EXCLUDE {}" \
    "v3-asm-leave|leave|report-v3|IGMPv3 report, ASM leave of 239.1.3.3: CHANGE_TO_INCLUDE {}"
x "$WORK/ssm-v0.marks" "v3-ssm-join|join|report-v3|IGMPv3 report, SSM join of 232.1.4.4 from 10.99.0.100 then 10.99.0.101" \
    "v3-ssm-drop-one|drop-one|report-v3|IGMPv3 report, 232.1.4.4: source 10.99.0.100 dropped" \
    "v3-ssm-leave|leave|report-v3|IGMPv3 report, 232.1.4.4: last source 10.99.0.101 dropped (socket closed)"

querier() {   # igmp-version extra-bridge-options...; a fresh bridge querier in NS_QRY, port peer l1 in NS_LIS
    local version=$1; shift
    reset_namespaces
    ip -n "$NS_QRY" link add q0 type veth peer name l1 netns "$NS_LIS"
    ip -n "$NS_QRY" link add br0 type bridge stp_state 0 mcast_snooping 1 mcast_querier 1 \
        mcast_igmp_version "$version" mcast_query_use_ifaddr 1 "$@"
    ip -n "$NS_QRY" link set q0 master br0
    ip -n "$NS_QRY" addr add 10.99.1.1/24 dev br0
    ip -n "$NS_LIS" addr add 10.99.1.2/24 dev l1
    ip -n "$NS_LIS" link set l1 up
}

echo "capture.sh: IGMPv2 bridge querier"
querier 2 mcast_query_response_interval 1000 mcast_last_member_interval 100
start_capture "$NS_LIS" l1 "$WORK/q2.pcap"
echo "up $(date +%s.%N)" >"$WORK/q2.marks"
ip -n "$NS_QRY" link set q0 up
ip -n "$NS_QRY" link set br0 up
sleep 2
ip netns exec "$NS_LIS" python3 "$WORK/act.py" asm 10.99.1.2 "$WORK/q2.marks" 239.1.5.5
stop_capture
python3 "$WORK/extract.py" "$WORK/q2.pcap" "$WORK/q2.marks" "$OUT" "$KERNEL" \
    "v2-general-query|up|query-general|IGMPv2 general query from a Linux bridge (mcast_igmp_version 2, response interval 10 s)" \
    "v2-group-query|leave|query-group|IGMPv2 group-specific query, 239.1.5.5, from a Linux bridge after a leave (last member interval 1 s)"

echo "capture.sh: IGMPv3 bridge querier"
querier 3 mcast_query_response_interval 1000 mcast_last_member_interval 100 \
    mcast_startup_query_interval 1500 mcast_startup_query_count 3
start_capture "$NS_LIS" l1 "$WORK/q3.pcap"
echo "up $(date +%s.%N)" >"$WORK/q3.marks"
ip -n "$NS_QRY" link set q0 up
ip -n "$NS_QRY" link set br0 up
sleep 2
ip netns exec "$NS_LIS" python3 "$WORK/act.py" v3-queries 10.99.1.2 "$WORK/q3.marks" \
    239.1.6.6 232.1.6.7 10.99.1.100 10.99.1.101
stop_capture
python3 "$WORK/extract.py" "$WORK/q3.pcap" "$WORK/q3.marks" "$OUT" "$KERNEL" \
    "v3-general-query|up|query-general|IGMPv3 general query from a Linux bridge (mcast_igmp_version 3, MRC 10 s, QQIC 125 s, QRV 2)" \
    "v3-current-state-report|answer|report-v3-multi|IGMPv3 report answering a general query: current state of 239.1.6.6 (ASM) and 232.1.6.7 (SSM, two sources)" \
    "v3-group-source-query|drop-one|query-group-source|IGMPv3 group-and-source-specific query, 232.1.6.7 source 10.99.1.100, from a Linux bridge" \
    "v3-group-query|leave|query-group|IGMPv3 group-specific query, 239.1.6.6, from a Linux bridge after an ASM leave"

echo "capture.sh: IGMPv3 bridge querier with timers of 128 units and more"
querier 3 mcast_query_response_interval 2000 mcast_query_interval 20000
start_capture "$NS_LIS" l1 "$WORK/q3big.pcap"
echo "up $(date +%s.%N)" >"$WORK/q3big.marks"
ip -n "$NS_QRY" link set q0 up
ip -n "$NS_QRY" link set br0 up
sleep 2
stop_capture
python3 "$WORK/extract.py" "$WORK/q3big.pcap" "$WORK/q3big.marks" "$OUT" "$KERNEL" \
    "v3-general-query-large-timers|up|query-general|IGMPv3 general query from a Linux bridge configured with response interval 20 s and query interval 200 s"
echo "capture.sh: done, files in $OUT"
