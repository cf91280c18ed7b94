package org.openmgm.forwarding.linux.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Error numbers read as Linux names them; IPv4 addresses convert both ways without surprises. */
class ErrnoAndInet4Test {

    @Test
    void errorNumbersHaveTheirNames() {
        assertEquals("EADDRINUSE (Address already in use)", Errno.describe(98));
        assertEquals("EPERM (Operation not permitted)", Errno.describe(1));
        assertEquals("ENOPROTOOPT", Errno.name(92));
        assertEquals("errno 4095", Errno.describe(4095));
        SysException e = new SysException("setsockopt(MRT_INIT)", Errno.EADDRINUSE);
        assertEquals("setsockopt(MRT_INIT) failed: EADDRINUSE (Address already in use)", e.getMessage());
        assertEquals(98, e.errno());
    }

    @Test
    void addressesConvertToIntsAndBack() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            int v = random.nextInt();
            InetAddress a = Inet4.toAddress(v);
            byte[] b = a.getAddress();
            assertEquals((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff), v);
            assertEquals(v, Inet4.toInt(a), "the hashCode shortcut agrees with the bytes");
            assertEquals(v, Inet4.toInt(InetAddress.getByName(a.getHostAddress())));
        }
        assertEquals("239.1.2.3", Inet4.toString(0xef010203));
        assertEquals(0xffffff00, Inet4.mask(24));
        assertEquals(0, Inet4.mask(0));
        assertEquals(-1, Inet4.mask(32));
        assertThrows(IllegalArgumentException.class, () -> Inet4.toInt(InetAddress.getByName("::1")));
    }
}
