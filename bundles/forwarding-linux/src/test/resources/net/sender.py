# Sends UDP datagrams to a multicast group: sender.py GROUP PORT SOURCE_ADDRESS COUNT INTERVAL_S TTL
import socket, sys, time
group, port, source, count, interval, ttl = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, ttl)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(source))
s.bind((source, 0))
print("ready", flush=True)
for i in range(count):
    s.sendto(b"omt %d" % i, (group, port))
    time.sleep(interval)
print("sent %d" % count, flush=True)
