package org.openmgm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InterfaceIdTest {

    @Test
    void parseAcceptsTheToStringForms() throws Exception {
        InterfaceId p2mp = InterfaceId.of(7, InetAddress.getByName("10.0.0.2"));
        assertEquals(InterfaceId.of(7), InterfaceId.parse("7"));
        assertEquals(InterfaceId.of(7), InterfaceId.parse(" if7 "));
        assertEquals(p2mp, InterfaceId.parse("7/10.0.0.2"));
        assertEquals(p2mp, InterfaceId.parse(p2mp.toString()));
        assertTrue(p2mp.isPointToMultipointLink());
        assertFalse(InterfaceId.of(7).isPointToMultipointLink());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "eth0", "if", "0", "-1", "7/", "7/host.example", "7/239.1.1.1", "99999999999"})
    void parseRejectsMalformedTextWithInvalidParameter(String text) {
        MgmException e = assertThrows(MgmException.class, () -> InterfaceId.parse(text));
        assertEquals(MgmStatus.INVALID_PARAMETER, e.status());
    }

    @Test
    void orderIsByIndexThenUnsignedNextHop() throws Exception {
        InterfaceId high = InterfaceId.of(2, InetAddress.getByName("200.0.0.1"));
        InterfaceId low = InterfaceId.of(2, InetAddress.getByName("10.0.0.1"));
        TreeSet<InterfaceId> set = new TreeSet<>(List.of(high, InterfaceId.of(3), low, InterfaceId.of(2)));
        assertEquals(List.of(InterfaceId.of(2), low, high, InterfaceId.of(3)), List.copyOf(set));
    }

    @Test
    void statusCarriesTheWin32Code() {
        assertEquals(87, MgmStatus.INVALID_PARAMETER.win32Code());
        assertEquals(183, MgmStatus.ALREADY_EXISTS.win32Code());
        assertEquals(1003, MgmStatus.CAN_NOT_COMPLETE.win32Code());
        assertEquals(1168, MgmStatus.NOT_FOUND.win32Code());
        assertEquals(8, MgmStatus.NOT_ENOUGH_MEMORY.win32Code());
        assertEquals("INVALID_PARAMETER: bad", MgmException.invalid("bad").getMessage());
    }
}
