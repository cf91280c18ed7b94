# Joins a group and prints one line per datagram: receiver.py GROUP PORT LOCAL_ADDRESS
# (joining makes this host's kernel send IGMP reports, v3 by default, to 224.0.0.22)
import socket, struct, sys
group, port, local = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((group, port))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton(local))
print("ready", flush=True)
while True:
    data, sender = s.recvfrom(2048)
    print("got %s %s" % (sender[0], data.decode(errors="replace")), flush=True)
