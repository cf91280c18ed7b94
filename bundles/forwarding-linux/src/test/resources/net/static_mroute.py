# Adds a static VIF pair and a static (S,G) entry from a socket that does not own the table (as
# smcroute's client or a crashed tool would leave them): static_mroute.py IFINDEX0 IFINDEX1
# Such entries survive their socket; only MRT_FLUSH with the *_STATIC flags removes them.
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
for vifi, ifindex in ((30, int(sys.argv[1])), (31, int(sys.argv[2]))):
    s.setsockopt(socket.IPPROTO_IP, 202, struct.pack('HBBIiI', vifi, 8, 1, 0, ifindex, 0))      # MRT_ADD_VIF
ttls = bytearray(32); ttls[31] = 1
s.setsockopt(socket.IPPROTO_IP, 204, struct.pack('4s4sH32s2xIIIi', socket.inet_aton('10.9.9.9'),
             socket.inet_aton('239.9.9.9'), 30, bytes(ttls), 0, 0, 0, 0))                       # MRT_ADD_MFC
print("added", flush=True)
