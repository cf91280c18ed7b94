# Captures rtnetlink dumps and events as hex, for the codec's golden tests.
import socket, struct, subprocess, sys, os, select
NETLINK_ROUTE = 0
def dump(msgtype, body):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    s.bind((0, 0))
    hdr = struct.pack("=IHHII", 16 + len(body), msgtype, 0x301, 7, 0)
    s.send(hdr + body)
    out = []
    while True:
        d = s.recv(65536)
        out.append(d)
        # stop at NLMSG_DONE
        off = 0; done = False
        while off + 16 <= len(d):
            l, t = struct.unpack_from("=IH", d, off)
            if t == 3: done = True
            off += (l + 3) & ~3
        if done: break
    return out
for name, t, body in [("links", 18, b"\0" * 16), ("addrs", 22, b"\x02" + b"\0" * 7), ("routes", 26, b"\x02" + b"\0" * 11)]:
    for i, d in enumerate(dump(t, body)):
        print(name, i, d.hex())
# events
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
s.bind((0, 0))
for g in (1, 5, 7):
    s.setsockopt(270, 1, g)
for cmd in sys.argv[1:]:
    subprocess.run(cmd, shell=True, check=True)
    while True:
        r, _, _ = select.select([s], [], [], 0.3)
        if not r: break
        print("event", cmd.replace(" ", "_"), s.recv(65536).hex())
