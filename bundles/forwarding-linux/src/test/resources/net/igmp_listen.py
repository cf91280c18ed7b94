# Prints every IGMP datagram this host receives, IP header included, as hex: igmp_listen.py
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
print("ready", flush=True)
while True:
    data = s.recv(65535)
    print("igmp " + data.hex(), flush=True)
