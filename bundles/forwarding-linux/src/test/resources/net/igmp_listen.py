# Prints every IGMP datagram this host receives, IP header included, as hex: igmp_listen.py [LOCAL_ADDRESS]
# With LOCAL_ADDRESS, also joins 224.0.0.22 and 224.0.0.2 there, as a router would, to see reports and leaves.
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
if len(sys.argv) > 1:
    for group in ("224.0.0.22", "224.0.0.2"):
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton(sys.argv[1]))
print("ready", flush=True)
while True:
    data = s.recv(65535)
    print("igmp " + data.hex(), flush=True)
